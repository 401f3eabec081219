using Backprop.Data;

namespace Backprop.Tests.Data;

public class SplitTests
{
    private static int[] Counts(Dataset<double> d) => [.. Enumerable.Range(0, d.Classes).Select(c => d.Y.ToArray().Count(v => v == c))];

    [Fact]
    public void ThreeWaySplitKeepsClassSharesAndUsesEveryRowOnce()
    {
        var wine = Csv.Load(RepoData.Path("wine/wine.data"), new CsvOptions { Target = "0" }).Data; // 59/71/48
        var (train, validation, test) = wine.Split3(0.15, 0.2, seed: 3);
        Assert.Equal([12, 14, 10], Counts(test));       // round(0.2 n) per class
        Assert.Equal([9, 11, 7], Counts(validation));   // round(0.15 n) per class
        Assert.Equal([38, 46, 31], Counts(train));
        var rows = new[] { train, validation, test }.SelectMany(d => Enumerable.Range(0, d.Count).Select(i => string.Join(",", Enumerable.Range(0, d.Features).Select(j => d.X[i, j]))));
        Assert.Equal(178, rows.Distinct().Count());
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var iris = Csv.Load(RepoData.Path("iris/iris.data")).Data;
        var a = iris.Split3(0.2, 0.2, seed: 1);
        var b = iris.Split3(0.2, 0.2, seed: 1);
        var c = iris.Split3(0.2, 0.2, seed: 2);
        Assert.Equal(a.Test.X.ToArray(), b.Test.X.ToArray());
        Assert.Equal(a.Validation.Y.ToArray(), b.Validation.Y.ToArray());
        Assert.NotEqual(a.Test.X.ToArray(), c.Test.X.ToArray());
        Assert.Equal([10, 10, 10], Counts(a.Test));
    }

    [Fact]
    public void RegressionAndEmptyValidation()
    {
        var mpg = Csv.Load(RepoData.Path("auto-mpg/auto-mpg.data"),
            new CsvOptions { Separator = CsvOptions.Whitespace, Target = "0", Drop = ["-1"], Missing = MissingValues.Drop }).Data;
        var (train, validation, test) = mpg.Split3(0, 0.25, seed: 9);
        Assert.Equal((294, 0, 98), (train.Count, validation.Count, test.Count));
        Assert.Throws<ArgumentOutOfRangeException>(() => mpg.Split3(0.5, 0.5, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => mpg.Split3(-0.1, 0.5, seed: 1));
    }

    [Theory]
    [InlineData("iris/iris.data", 0.2, 1UL)]
    [InlineData("wine/wine.data", 0.3, 7UL)]
    public void Split_gives_the_rows_of_the_three_way_split_the_cli_uses(string file, double test, ulong seed)
    {
        var data = Csv.Load(RepoData.Path(file), new CsvOptions { Target = file.StartsWith("wine") ? "0" : null }).Data;
        var (train, held) = data.Split(test, seed);
        var (train3, validation3, held3) = data.Split3(0, test, seed);
        var (trainCli, validationCli, heldCli) = new Backprop.Training.SplitPolicy(0, test).Split(data, seed);
        Assert.Equal(0, validation3.Count);
        Assert.Null(validationCli);
        Assert.Equal(train3.X.ToArray(), train.X.ToArray());
        Assert.Equal(train3.Y.ToArray(), train.Y.ToArray());
        Assert.Equal(held3.X.ToArray(), held.X.ToArray());
        Assert.Equal(trainCli.X.ToArray(), train.X.ToArray());
        Assert.Equal(heldCli.Y.ToArray(), held.Y.ToArray());
    }
}
