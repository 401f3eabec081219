namespace Backprop.Training;

/// <summary>Whether a loss suits a task, and if not, why (see <see cref="TaskRules.FitOf"/>).</summary>
public enum LossFit
{
    /// <summary>The loss suits the targets.</summary>
    Fits,

    /// <summary>A classification loss (cross-entropy) on numeric targets.</summary>
    ClassificationLossForRegression,

    /// <summary>A regression loss (squared error) on class targets.</summary>
    RegressionLossForClasses,

    /// <summary>Binary cross-entropy on more (or fewer) than two classes.</summary>
    BinaryLossNeedsTwoClasses,
}
