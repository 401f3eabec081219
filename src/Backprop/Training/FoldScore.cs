namespace Backprop.Training;

/// <summary>What one fold of a cross-validation run scored on its own rows.</summary>
/// <param name="Repeat">The repeat, from 0.</param>
/// <param name="Fold">The fold, from 0.</param>
/// <param name="TrainRows">Rows trained on.</param>
/// <param name="TestRows">Rows scored.</param>
/// <param name="Scores">Every metric by name, as <see cref="FoldScore.Of"/> names them.</param>
public sealed record FoldScore(int Repeat, int Fold, int TrainRows, int TestRows, IReadOnlyList<(string Name, double Value)> Scores)
{
    /// <summary>The named metrics of <paramref name="metrics"/>: <c>loss</c>, <c>acc</c>, <c>macro_f1</c> (the mean of the classes' F1:
    /// the metrics', else <paramref name="report"/>'s) and <c>balanced_acc</c> for classification; <c>loss</c>, <c>mse</c>, <c>mae</c> and <c>r2</c> for regression.</summary>
    public static IReadOnlyList<(string Name, double Value)> Of(Metrics metrics, ClassificationReport? report)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var scores = new List<(string, double)> { ("loss", metrics.Loss) };
        if (metrics.Accuracy is { } acc) scores.Add(("acc", acc));
        if ((metrics.MacroF1 ?? report?.MacroF1) is { } f1) scores.Add(("macro_f1", f1));
        if (metrics.BalancedAccuracy is { } balanced) scores.Add(("balanced_acc", balanced));
        if (metrics.Mse is { } mse) scores.Add(("mse", mse));
        if (metrics.Mae is { } mae) scores.Add(("mae", mae));
        if (metrics.R2 is { } r2) scores.Add(("r2", r2));
        return scores;
    }
}
