using Backprop.Data;
using Backprop.Preprocessing;

namespace Backprop.Tests.Preprocessing;

/// <summary>What each encoder makes of raw cells: one-hot levels (sorted, pooled, missing, unseen), imputed numbers with indicators, date parts.</summary>
public class EncoderTests
{
    [Fact]
    public void OneHotHasSortedLevelsAMissingLevelAndUnseenLevelsAsZeros()
    {
        var data = TableText.Load(TableText.Mixed);
        Assert.Equal([0, 1, 0, 0], TableText.Row(data, 0)[..4]); // Oslo
        Assert.Equal([0, 0, 0, 1], TableText.Row(data, 2)[..4]); // missing
        var (x, unseen) = TableText.Features("city,size,day,open\nParis,1,2014-11-06,true\nOslo,1,2014-11-06,true\nParis,1,2014-11-06,maybe\n", data.Schema);
        Assert.Equal([0, 0, 0, 0], TableText.Row(x, 0)[..4]);
        Assert.Equal([0, 1, 0, 0], TableText.Row(x, 1)[..4]);
        Assert.Equal(new Dictionary<string, int> { ["city"] = 2, ["open"] = 1 }, unseen);
    }

    [Fact]
    public void RareLevelsAndLevelsPastTheLimitArePooledIntoOther()
    {
        const string csv = "c,label\na,x\na,y\na,x\nb,y\nb,x\nc,y\nd,x\n";
        var rare = TableText.Load(csv, new CsvOptions { Target = "label", MinFrequency = 2 });
        Assert.Equal(["c=a", "c=b", "c=(other)"], rare.FeatureNames);
        Assert.Equal([0, 0, 1], TableText.Row(rare, 5)); // c, pooled
        var (x, unseen) = TableText.Features("c\nd\ne\n", rare.Schema);
        Assert.Equal([0, 0, 1], TableText.Row(x, 0)); // d was pooled in training
        Assert.Equal([0, 0, 0], TableText.Row(x, 1)); // e was never seen
        Assert.Equal(1, unseen["c"]);
        var top = TableText.Load(csv, new CsvOptions { Target = "label", MaxCategories = 1 });
        Assert.Equal(["c=a", "c=(other)"], top.FeatureNames);
    }

    [Theory]
    [InlineData(Imputation.Mean, 3.0)]
    [InlineData(Imputation.Median, 2.0)]
    [InlineData(Imputation.Zero, 0.0)]
    public void MissingNumbersAreImputedFromTheTrainingRowsWithAnOptionalIndicator(Imputation how, double fill)
    {
        var data = TableText.Load("n,label\n1,a\n,b\n2,a\n6,b\n", new CsvOptions { Target = "label", Impute = how, MissingIndicator = true });
        Assert.Equal(["n", "n (missing)"], data.FeatureNames);
        Assert.Equal([fill, 1], TableText.Row(data, 1));
        Assert.Equal([6, 0], TableText.Row(data, 3));
    }

    [Fact]
    public void DatesBecomeYearMonthDayOfWeekAndDayOfYear()
    {
        var data = TableText.Load(TableText.Mixed);
        Assert.Equal([2014, 11, 3, 310], TableText.Row(data, 0)[5..9]); // Thursday 6 November 2014
        Assert.Equal([2016, 2, 0, 60], TableText.Row(data, 2)[5..9]); // Monday 29 February 2016
        Assert.Equal([1, 0, 1, 0, 1, 0], Enumerable.Range(0, 6).Select(i => TableText.Row(data, i)[9]));
    }

    [Fact]
    public void EveryEncoderRoundTripsThroughItsRegisteredNameAndSettings()
    {
        var data = TableText.Load(TableText.Mixed, new CsvOptions { Target = "label", MissingIndicator = true });
        var states = data.Schema.Encoders!;
        var restored = ColumnEncoding.Restore([.. states.Select(s => new EncoderState(s.Type, s.Column, s.Settings))]);
        Assert.Equal(states, restored.States);
        var again = TableText.LoadLike(TableText.Mixed, data.Schema);
        Assert.Equal(data.Data.X.ToArray(), again.Data.X.ToArray());
    }
}
