using System.Text;
using Backprop.Data;
using Backprop.Errors;

namespace Backprop.Tests.Preprocessing;

/// <summary>What each column is taken as: inferred from its cells, or named by the options; id-like text, dates in two formats and empty columns refused by name.</summary>
public class ColumnTypeTests
{
    [Fact]
    public void EachKindIsInferredFromItsCells()
    {
        var data = TableText.Load(TableText.Mixed);
        Assert.Equal(["one_hot", "number", "date_parts", "boolean"], data.Schema.Encoders!.Select(e => e.Type));
        Assert.Equal(["city=Bergen", "city=Oslo", "city=Tromso", "city=(missing)", "size", "day.year", "day.month", "day.day_of_week", "day.day_of_year", "open"],
            data.FeatureNames);
    }

    [Fact]
    public void ATableOfNumbersIsReadAsBeforeWithoutEncoders() =>
        Assert.Null(TableText.Load("a,b,label\n1,2,x\n3,4,y\n").Schema.Encoders);

    [Fact]
    public void TheOptionsOverrideWhatIsInferred()
    {
        var data = TableText.Load("zip,day,label\n1000,2014-01-01,a\n2000,2014-01-02,b\n1000,2014-01-03,a\n",
            new CsvOptions { Target = "label", Categorical = ["zip"] });
        Assert.Equal(["zip=1000", "zip=2000", "day.year", "day.month", "day.day_of_week", "day.day_of_year"], data.FeatureNames);
        var numeric = TableText.Load("n,label\n1,a\n2,b\n", new CsvOptions { Target = "label", Numeric = ["n"], Impute = Backprop.Preprocessing.Imputation.Median });
        Assert.Equal(["number"], numeric.Schema.Encoders!.Select(e => e.Type));
        var e = Assert.Throws<BackpropException>(() => TableText.Load("d,label\nsoon,a\n2014-01-02,b\n", new CsvOptions { Target = "label", Dates = ["d"] }));
        Assert.Equal("t.csv line 2, column \"d\": \"soon\" is not an ISO 8601 date (yyyy-mm-dd, or yyyy-mm-ddThh:mm:ss).", e.Message);
    }

    [Fact]
    public void AColumnOfMostlyDistinctTextIsRefusedByNameSuggestingToDropIt()
    {
        var csv = new StringBuilder("name,x,label\n");
        for (int i = 0; i < 100_000; i++) csv.Append("user").Append(i).Append(',').Append(i % 7).Append(',').Append(i % 2 == 0 ? "a" : "b").Append('\n');
        var e = Assert.Throws<BackpropException>(() => TableText.Load(csv.ToString()));
        Assert.Equal("t.csv: column \"name\" holds text with more than 65536 distinct values in 100000 rows (names or ids?), too many to one-hot encode; drop it (--drop \"name\").", e.Message);
        var fewer = string.Concat(Enumerable.Range(0, 60).Select(i => $"user{i},{i},{(i % 2 == 0 ? "a" : "b")}\n"));
        Assert.Contains("column \"name\" holds text with 60 distinct values in 60 rows", Assert.Throws<BackpropException>(() => TableText.Load("name,x,label\n" + fewer)).Message);
    }

    [Fact]
    public void DatesInTwoFormatsAreRefusedNamingBoth()
    {
        var e = Assert.Throws<BackpropException>(() => TableText.Load("d,label\n2014-01-02,a\n2014-01-03,b\n03/01/2014,a\n"));
        Assert.Equal("t.csv: column \"d\" has dates in two formats: \"2014-01-02\" (line 2) and \"03/01/2014\" (line 4); write them all as ISO 8601 (yyyy-mm-dd).", e.Message);
    }

    [Fact]
    public void AColumnWithNoValueIsRefused()
    {
        var e = Assert.Throws<BackpropException>(() => TableText.Load("c,x,label\n,1,a\n,2,b\n"));
        Assert.Equal("t.csv: column \"c\" is empty (every cell is missing); drop it.", e.Message);
    }

    [Fact]
    public void ACategoryColumnEmptyInTheTrainingRowsIsRefused()
    {
        var data = TableText.Load("c,x,label\n,1,a\n,2,b\nred,3,a\n");
        var e = Assert.Throws<BackpropException>(() => data.Refit([0, 1]));
        Assert.Equal("t.csv: column \"c\" is empty in the training rows (every cell is missing); drop it.", e.Message);
    }

    [Fact]
    public void AFewTextCellsInANumberColumnAreNotNumbers() =>
        Assert.Equal("t.csv line 3, column \"x\": \"abc\" is not a number.", Assert.Throws<BackpropException>(() => TableText.Load("x,label\n1,a\nabc,b\n3,a\n")).Message);
}
