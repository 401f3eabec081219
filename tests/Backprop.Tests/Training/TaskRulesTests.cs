using Backprop.Nn;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Which loss suits which targets, and the output width it needs.</summary>
public class TaskRulesTests
{
    [Theory]
    [InlineData("softmax_ce", 3, 1, 3)]
    [InlineData("softmax_ce", 2, 1, 2)]
    [InlineData("bce_logits", 2, 1, 1)]
    [InlineData("mse_mean", 0, 1, 1)]
    [InlineData("mse_half", 0, 4, 4)]
    public void OutputsFollowTheLossAndTheClasses(string loss, int classes, int targets, int outputs) =>
        Assert.Equal(outputs, TaskRules.Outputs(Loss.Parse(loss), classes, targets));

    [Theory]
    [InlineData("softmax_ce", 3, LossFit.Fits)]
    [InlineData("bce_logits", 2, LossFit.Fits)]
    [InlineData("mse_mean", 0, LossFit.Fits)]
    [InlineData("softmax_ce", 0, LossFit.ClassificationLossForRegression)]
    [InlineData("bce_logits", 0, LossFit.ClassificationLossForRegression)]
    [InlineData("mse_half", 3, LossFit.RegressionLossForClasses)]
    [InlineData("bce_logits", 3, LossFit.BinaryLossNeedsTwoClasses)]
    public void FitSaysWhyALossDoesNotSuitTheTargets(string loss, int classes, LossFit fit) => Assert.Equal(fit, TaskRules.FitOf(Loss.Parse(loss), classes));

    [Fact]
    public void DefaultLossIsCrossEntropyForClassesAndMeanSquaredErrorForNumbers()
    {
        Assert.IsType<CrossEntropy>(TaskRules.DefaultLoss(3));
        Assert.IsType<MeanSquaredError>(TaskRules.DefaultLoss(0));
    }

    [Fact]
    public void NegativeClassesAreRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => TaskRules.Outputs(new CrossEntropy(), -1));
}
