using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.Tests.Data;

/// <summary>Each file of the repository's data/ folder loads by path with the options data/README.md documents, with the row, column and class counts it gives.</summary>
public class DataFileTests
{
    private static int[] ClassCounts(TabularData<double> t) =>
        [.. Enumerable.Range(0, t.Data.Classes).Select(c => t.Data.Y.ToArray().Count(v => v == c))];

    [Fact]
    public void Iris()
    {
        var t = Csv.Load(RepoData.Path("iris/iris.data"));
        Assert.Equal((150, 4), (t.Data.Count, t.Data.Features));
        Assert.Equal(TaskKind.Classification, t.Task);
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], t.ClassNames);
        Assert.Equal([50, 50, 50], ClassCounts(t));
        Assert.Equal(",", t.Schema.Separator);
        Assert.False(t.Schema.HasHeader);
        Assert.Equal(5.1, t.Data.X[0, 0]);
    }

    [Fact]
    public void Wine()
    {
        var t = Csv.Load(RepoData.Path("wine/wine.data"), new CsvOptions { Target = "0" });
        Assert.Equal((178, 13), (t.Data.Count, t.Data.Features));
        Assert.Equal(["1", "2", "3"], t.ClassNames);
        Assert.Equal([59, 71, 48], ClassCounts(t));
    }

    [Fact]
    public void BreastCancerWisconsinWithoutTheId()
    {
        var t = Csv.Load(RepoData.Path("breast-cancer-wisconsin-diagnostic/wdbc.data"), new CsvOptions { Target = "1", Drop = ["0"] });
        Assert.Equal((569, 30), (t.Data.Count, t.Data.Features));
        Assert.Equal(["B", "M"], t.ClassNames);
        Assert.Equal([357, 212], ClassCounts(t));
    }

    [Fact]
    public void OptdigitsTrainAndGivenTestFile()
    {
        var train = Csv.Load(RepoData.Path("optdigits/optdigits.tra"));
        var test = Csv.Load<double>(RepoData.Path("optdigits/optdigits.tes"), null, train.Schema);
        Assert.Equal((3823, 64), (train.Data.Count, train.Data.Features));
        Assert.Equal((1797, 64), (test.Data.Count, test.Data.Features));
        Assert.Equal(10, train.Data.Classes);
        Assert.Equal([376, 389, 380, 389, 387, 376, 377, 387, 380, 382], ClassCounts(train));
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], ClassCounts(test));
    }

    private static readonly CsvOptions AutoMpg = new() { Separator = CsvOptions.Whitespace, Target = "0", Drop = ["-1"] };

    [Fact]
    public void AutoMpgRefusesItsSixMissingHorsepowersByDefault()
    {
        var e = Assert.Throws<BackpropException>(() => Csv.Load(RepoData.Path("auto-mpg/auto-mpg.data"), AutoMpg));
        Assert.Contains("auto-mpg.data: 6 row(s) have missing values", e.Message);
        Assert.Contains("line 33 column 3", e.Message);
        Assert.Contains("and 1 more", e.Message);
    }

    [Fact]
    public void AutoMpgDropsOrImputesMissingHorsepower()
    {
        var dropped = Csv.Load(RepoData.Path("auto-mpg/auto-mpg.data"), AutoMpg with { Missing = MissingValues.Drop });
        Assert.Equal((392, 7), (dropped.Data.Count, dropped.Data.Features));
        Assert.Equal(TaskKind.Regression, dropped.Task);
        Assert.Null(dropped.ClassNames);
        Assert.Equal(18.0, dropped.Data.Y[0]);

        var imputed = Csv.Load(RepoData.Path("auto-mpg/auto-mpg.data"), AutoMpg with { Missing = MissingValues.Mean });
        Assert.Equal((398, 7), (imputed.Data.Count, imputed.Data.Features));
        int line33 = imputed.Lines.ToList().IndexOf(33);
        double meanHorsepower = Enumerable.Range(0, dropped.Data.Count).Average(i => dropped.Data.X[i, 2]);
        Assert.Equal(meanHorsepower, imputed.Data.X[line33, 2], 9);
    }

    [Fact]
    public void AutoMpgCarNameIsAQuotedFieldWithSpacesRefusedAsAnIdColumn()
    {
        var e = Assert.Throws<BackpropException>(() =>
            Csv.Load(RepoData.Path("auto-mpg/auto-mpg.data"), new CsvOptions { Separator = CsvOptions.Whitespace, Target = "0", Missing = MissingValues.Drop }));
        Assert.Equal("auto-mpg.data: column \"8\" holds text with 301 distinct values in 392 rows (names or ids?), too many to one-hot encode; drop it (--drop \"8\").", e.Message);
    }

    [Fact]
    public void WineQualityRedWithQuotedHeaderAndSemicolons()
    {
        var t = Csv.Load(RepoData.Path("wine-quality/winequality-red.csv"), new CsvOptions { Target = "quality", Task = TaskKind.Regression });
        Assert.Equal((1599, 11), (t.Data.Count, t.Data.Features));
        Assert.True(t.Schema.HasHeader);
        Assert.Equal(";", t.Schema.Separator);
        Assert.Equal("fixed acidity", t.FeatureNames[0]);
        Assert.Equal("quality", t.TargetName);
        Assert.Equal(TaskKind.Regression, t.Task);

        var classes = Csv.Load(RepoData.Path("wine-quality/winequality-red.csv"));
        Assert.Equal(TaskKind.Classification, classes.Task);
        Assert.Equal(["3", "4", "5", "6", "7", "8"], classes.ClassNames);
        Assert.Equal([10, 53, 681, 638, 199, 18], ClassCounts(classes));
    }

    [Fact]
    public void LetterRecognition()
    {
        var t = Csv.Load<float>(RepoData.Path("letter-recognition/letter-recognition.data"), new CsvOptions { Target = "0" });
        Assert.Equal((20000, 16), (t.Data.Count, t.Data.Features));
        Assert.Equal(26, t.Data.Classes);
        Assert.Equal("A", t.ClassNames![0]);
        Assert.Equal("Z", t.ClassNames[25]);
        Assert.Equal(19f, t.Data.Y[0]); // first row is a 'T'
    }
}
