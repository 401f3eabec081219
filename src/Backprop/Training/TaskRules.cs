using Backprop.Nn;

namespace Backprop.Training;

/// <summary>
/// Which loss suits which targets and how many outputs the network needs for it. <c>classes</c> is the number of classes of a
/// classification target, 0 for a numeric (regression) target.
/// </summary>
public static class TaskRules
{
    /// <summary>The loss to use when none is given: softmax cross-entropy for classes, mean squared error for numbers.</summary>
    public static Loss DefaultLoss(int classes) => classes > 0 ? new CrossEntropy() : new MeanSquaredError();

    /// <summary>
    /// The width of the output layer: what the loss needs for the classes (<see cref="Loss.OutputsFor"/>: one logit per class, or
    /// one for binary cross-entropy on two classes); for regression one output per target column (<paramref name="targets"/>).
    /// </summary>
    public static int Outputs(Loss loss, int classes, int targets = 1)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (classes < 0) throw new ArgumentOutOfRangeException(nameof(classes), $"Outputs: classes must be at least 0; got {classes}.");
        return classes == 0 ? targets : loss.OutputsFor(classes);
    }

    /// <summary>Whether <paramref name="loss"/> suits targets of <paramref name="classes"/> classes (0 = regression).</summary>
    public static LossFit FitOf(Loss loss, int classes)
    {
        ArgumentNullException.ThrowIfNull(loss);
        if (classes == 0) return loss.IsClassification ? LossFit.ClassificationLossForRegression : LossFit.Fits;
        if (!loss.IsClassification) return LossFit.RegressionLossForClasses;
        return loss.FixedClasses is { } k && classes != k ? LossFit.BinaryLossNeedsTwoClasses : LossFit.Fits;
    }
}
