using Backprop.Data;
using Backprop.Datasets;
using Backprop.Tests.Data;

namespace Backprop.Tests.Datasets;

/// <summary>The built-in data sets load from the embedded files with the sizes, names and tasks their catalog entries state.</summary>
public class BuiltInTests
{
    public static TheoryData<string> Tables => [.. BuiltIn.All.Where(d => d.IsTable).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Tables))]
    public void EveryTableHasTheSizeAndTaskItsEntryStates(string name)
    {
        var info = BuiltIn.Find(name);
        var t = BuiltIn.Table<float>(name);
        Assert.Equal((info.Rows, info.Features, info.Classes, info.Task), (t.Data.Count, t.Schema.FeatureColumns.Count, t.Data.Classes, t.Task));
        Assert.Equal(t.Data.Features, t.FeatureNames.Distinct().Count());
        Assert.Equal(Path.GetFileName(info.File), t.SourcePath);
    }

    [Fact]
    public void IrisHasNamedFeaturesAndSpecies()
    {
        var iris = BuiltIn.Iris<double>();
        Assert.Equal(["sepal length", "sepal width", "petal length", "petal width"], iris.FeatureNames);
        Assert.Equal("class", iris.TargetName);
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], iris.ClassNames);
        Assert.Equal(5.1, iris.Data.X[0, 0]);
    }

    [Fact]
    public void TheBuiltInTablesEqualTheFilesReadByPath()
    {
        var builtIn = BuiltIn.BreastCancer<double>();
        var file = Csv.Load(RepoData.Path("breast-cancer-wisconsin-diagnostic/wdbc.data"), new CsvOptions { Target = "1", Drop = ["0"] });
        Assert.Equal(file.Data.X.ToArray(), builtIn.Data.X.ToArray());
        Assert.Equal(file.Data.Y.ToArray(), builtIn.Data.Y.ToArray());
        Assert.Equal(["B", "M"], builtIn.ClassNames);
        Assert.Equal("mean radius", builtIn.FeatureNames[0]);
        Assert.Equal("worst fractal dimension", builtIn.FeatureNames[^1]);
    }

    [Fact]
    public void OptdigitsComesWithItsOwnTestSet()
    {
        var (train, test) = BuiltIn.Optdigits<float>();
        Assert.Equal((3823, 1797), (train.Data.Count, test.Data.Count));
        Assert.Equal(train.FeatureNames, test.FeatureNames);
        Assert.Equal("pixel 7,7", test.FeatureNames[^1]);
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180],
            Enumerable.Range(0, 10).Select(c => test.Data.Y.ToArray().Count(v => v == c)));
    }

    [Fact]
    public void AutoMpgDropsTheSixCarsWithoutHorsepowerUnlessAskedToFillThem()
    {
        Assert.Equal(392, BuiltIn.AutoMpg<double>().Data.Count);
        var filled = BuiltIn.Table<double>("auto-mpg", BuiltIn.Find("auto-mpg").Csv! with { Missing = MissingValues.Mean });
        Assert.Equal(398, filled.Data.Count);
        Assert.Equal("mpg", filled.TargetName);
    }

    [Fact]
    public void MnistIsTheTestSetOfTenThousandImages()
    {
        var mnist = BuiltIn.Mnist<float>();
        Assert.Equal((10000, 784, 10), (mnist.Count, mnist.Features, mnist.Classes));
        Assert.Equal([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009], Enumerable.Range(0, 10).Select(c => mnist.Y.ToArray().Count(v => v == c)));
        Assert.Equal(mnist.X.ToArray(), Mnist.LoadDirectory<float>(RepoData.Path("mnist")).X.ToArray());
    }

    [Fact]
    public void NamesAreCaseInsensitive() => Assert.Equal(150, BuiltIn.Table<float>(" Iris ").Data.Count);

    [Fact]
    public void AnUnknownNameListsTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => BuiltIn.Table<float>("nosuchset"));
        Assert.StartsWith("no built-in data set is named \"nosuchset\"; the built-in data sets are iris, wine, breast-cancer, optdigits, letters, auto-mpg, wine-quality-red, penguins, mnist.", e.Message);
    }

    [Fact]
    public void ImagesAreNotATableNorATableImages()
    {
        Assert.Contains("mnist holds images, not a table", Assert.Throws<ArgumentException>(() => BuiltIn.Table<float>("mnist")).Message);
        Assert.Contains("iris is a table, not images", Assert.Throws<ArgumentException>(() => BuiltIn.Images<float>("iris")).Message);
        Assert.Contains("iris has no test set of its own", Assert.Throws<ArgumentException>(() => BuiltIn.TestTable<float>("iris", BuiltIn.Iris<float>().Schema)).Message);
    }
}
