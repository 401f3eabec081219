using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Nn;

/// <summary>Layer sizes whose parameters exceed the budget are refused before anything is allocated.</summary>
public sealed class ParameterBudgetTests
{
    [Fact]
    public void CountIsWeightsAndBiases()
    {
        Assert.Equal(5 * 16 + 17 * 3, ParameterBudget.Count([4, 16, 3]));
        Assert.Null(ParameterBudget.Count([int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue]));
    }

    [Fact]
    public void OverTheBudgetIsRefusedBeforeAllocating()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BackpropException>(() => Mlp.Create<float>([4, 100_000_000, 3], Activation.Relu));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated before refusing");
        Assert.Equal(ErrorKind.Setting, e.Kind);
        Assert.Equal("layers 4-100000000-3 have 800,000,003 parameters, more than the budget of 100,000,000 (BACKPROP_MAX_PARAMETERS sets another).", e.Message);
    }

    [Fact]
    public void OverflowingSizesAreRefusedToo() =>
        Assert.Contains("have more than 9.2e18 parameters", Assert.Throws<BackpropException>(() =>
            Mlp.Create<float>([int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue], Activation.Relu)).Message);

    [Theory]
    [InlineData("train", "--data", "iris", "--layers", "4-100000000-3")]
    [InlineData("train", "--data", "iris", "--hidden", "100000000")]
    [InlineData("vanishing", "--width", "20000", "--layers", "300")]
    public void CommandLineSizesOverTheBudgetExitTwo(params string[] args) =>
        CliRun.Of(args).AssertOneLineError("parameters, more than the budget of 100,000,000 (BACKPROP_MAX_PARAMETERS sets another)", 2);
}
