using Backprop.Data;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>The split policy: fractions checked up front, stratified seeded parts, an empty validation part as null, empty parts refused.</summary>
public class SplitPolicyTests
{
    // 100 rows: 60 of class 0, 40 of class 1; x holds the row's index so that parts can be compared.
    private static Dataset<double> Rows(int n = 100) =>
        new(Tensor<double>.FromArray([.. Enumerable.Range(0, n).Select(i => (double)i)], n, 1), Tensor<double>.FromArray([.. Enumerable.Range(0, n).Select(i => i < n * 0.6 ? 0.0 : 1)], n), 2);

    [Fact]
    public void SplitsIntoStratifiedDisjointParts()
    {
        var (train, validation, test) = new SplitPolicy(0.2, 0.1).Split(Rows(), seed: 5);
        Assert.Equal((70, 20, 10), (train.Count, validation!.Count, test.Count));
        Assert.Equal(6, test.Y.ToArray().Count(y => y == 0)); // 10% of each class
        Assert.Equal(12, validation.Y.ToArray().Count(y => y == 0));
        var all = train.X.ToArray().Concat(validation.X.ToArray()).Concat(test.X.ToArray()).OrderBy(v => v);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (double)i), all);
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOther()
    {
        var policy = SplitPolicy.Default;
        Assert.Equal(policy.Split(Rows(), 3).Test.X.ToArray(), policy.Split(Rows(), 3).Test.X.ToArray());
        Assert.NotEqual(policy.Split(Rows(), 3).Test.X.ToArray(), policy.Split(Rows(), 4).Test.X.ToArray());
    }

    [Fact]
    public void NoValidationFractionGivesNoValidationPart()
    {
        var (train, validation, test) = new SplitPolicy(0, 0.25).Split(Rows(), 1);
        Assert.Null(validation);
        Assert.Equal((75, 25), (train.Count, test.Count));
    }

    [Fact]
    public void SplitTrainingLeavesTheTestRowsToTheCaller()
    {
        var (train, validation) = new SplitPolicy(0.2, 0.5).SplitTraining(Rows(), 1);
        Assert.Equal((80, 20), (train.Count, validation!.Count));
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(-0.1, 0.2)]
    [InlineData(0.2, 1)]
    [InlineData(double.NaN, 0.2)]
    public void FractionsThatLeaveNoTrainingRowsAreRefused(double validation, double test) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SplitPolicy(validation, test));

    [Fact]
    public void ATestFractionThatRoundsToNoRowsIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SplitPolicy(0.2, 0.01).Split(Rows(10), 1));
        Assert.Contains("no test rows", e.Message);
    }
}
