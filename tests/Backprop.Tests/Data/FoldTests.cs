using Backprop.Data;
using Backprop.Tensors;

namespace Backprop.Tests.Data;

public class FoldTests
{
    private static Dataset<double> Iris() => Csv.Load(RepoData.Path("iris/iris.data")).Data;

    [Fact]
    public void StratifiedFoldsHoldEachClassEvenlyAndEveryRowOnce()
    {
        var wine = Csv.Load(RepoData.Path("wine/wine.data"), new CsvOptions { Target = "0" }).Data; // 59/71/48
        int[] fold = Splits.Folds(wine, 5, seed: 3);
        Assert.Equal(178, fold.Length);
        for (int c = 0; c < 3; c++)
        {
            int n = wine.Y.ToArray().Count(v => v == c);
            var perFold = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, 178).Count(i => fold[i] == f && wine.Y.Span[i] == c)).ToArray();
            Assert.All(perFold, k => Assert.InRange(k, n / 5, (n + 4) / 5)); // ⌊n_c/K⌋ or ⌈n_c/K⌉ rows of each class
        }
        var sizes = Enumerable.Range(0, 5).Select(f => fold.Count(x => x == f)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1, string.Join(",", sizes)); // the turn carried over classes keeps the folds even
    }

    [Fact]
    public void SameSeedSameFoldsOtherSeedOthers()
    {
        var iris = Iris();
        Assert.Equal(Splits.Folds(iris, 5, 1), Splits.Folds(iris, 5, 1));
        Assert.NotEqual(Splits.Folds(iris, 5, 1), Splits.Folds(iris, 5, 2));
    }

    [Fact]
    public void GroupsNeverShareFoldsAndClassesSpread()
    {
        var iris = Iris();
        int[] groups = [.. Enumerable.Range(0, iris.Count).Select(i => i / 5)]; // 30 groups of 5 rows, each of one class (iris is sorted by class)
        int[] fold = Splits.Folds(iris, 5, seed: 7, groups);
        foreach (var g in Enumerable.Range(0, 30)) Assert.Single(Enumerable.Range(0, iris.Count).Where(i => groups[i] == g).Select(i => fold[i]).Distinct());
        for (int c = 0; c < 3; c++)
            for (int f = 0; f < 5; f++)
                Assert.Equal(10, Enumerable.Range(0, iris.Count).Count(i => fold[i] == f && iris.Y.Span[i] == c)); // 10 groups of a class over 5 folds: 2 each
    }

    [Fact]
    public void TooManyFoldsAreRefused()
    {
        var iris = Iris();
        Assert.Contains("class 0 has 50", Assert.Throws<ArgumentException>(() => Splits.Folds(iris, 51, 1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.Folds(iris, 1, 1));
        Assert.Contains("there are 3", Assert.Throws<ArgumentException>(() => Splits.Folds(iris, 4, 1, [.. Enumerable.Range(0, 150).Select(i => i % 3)])).Message);
    }
}
