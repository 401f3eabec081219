using System.Globalization;
using Backprop.Training;

namespace Backprop.Cli;

/// <summary>
/// Renders a training run as compact fixed-width lines (invariant culture): a settings line, one line per epoch (as a training
/// callback, with the --grad-report line of <paramref name="gradients"/>, placed before it, under each), a test line.
/// </summary>
internal sealed class TrainOutput(TextWriter writer, TrainSettings settings, Diagnostics.GradientFlow<float>? gradients = null) : ITrainingCallback
{
    private readonly int epochWidth = settings.Epochs.ToString(CultureInfo.InvariantCulture).Length;

    public void Settings(int train, int validation, int test) => writer.WriteLine(
        Invariant($"train {DataSets.Name(settings.Data)}: {train} train / {validation} validation / {test} test examples; ") +
        Invariant($"layers {string.Join("-", settings.Layers)}, activation {settings.Hidden}, loss {settings.Loss.Name}, ") +
        Invariant($"lr {settings.LearningRate}, batch {settings.BatchSize}, {settings.Epochs} epochs, seed {settings.Seed}"));

    public void Epoch(EpochReport report)
    {
        string epoch = Invariant($"epoch {report.Epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochWidth)}/{report.Epochs}");
        string quality = settings.IsClassification
            ? Invariant($"acc {report.Accuracy:F4}  val_acc {report.Validation?.Accuracy:F4}")
            : Invariant($"val_r2 {report.Validation?.R2,7:F4}");
        writer.WriteLine(Invariant($"{epoch}  loss {report.Loss,6:F4}  {quality}  {report.SamplesPerSecond,8:F0} samples/s"));
    }

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context)
    {
        Epoch(epoch);
        if (gradients is not null) writer.WriteLine(GradientLine(gradients.LastEpoch));
    }

    /// <summary>The text of a --grad-report line: each layer's mean ‖dL/dW‖ over the epoch's steps, first layer first.</summary>
    public static string GradientLine(IReadOnlyList<Diagnostics.LayerGradient> layers) =>
        "  grad norm  " + string.Join("  ", layers.Select(l => $"{l.Layer} {Numbers.Scientific(l.Norm)}"));

    public void Test(Metrics test, TimeSpan elapsed) => writer.WriteLine(settings.IsClassification
        ? Invariant($"test  acc {test.Accuracy:F4}  loss {test.Loss:F4}  elapsed {elapsed.TotalSeconds:F2} s")
        : Invariant($"test  r2 {test.R2:F4}  mse {test.Mse:F4}  loss {test.Loss:F4}  elapsed {elapsed.TotalSeconds:F2} s"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
