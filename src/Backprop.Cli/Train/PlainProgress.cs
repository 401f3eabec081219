using Backprop.Text;
using Backprop.Cli.Common;
using System.Globalization;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>One fixed-width line per epoch (invariant culture), for output that is not a terminal.</summary>
internal sealed class PlainProgress(TextWriter writer, bool classification) : TrainProgress
{
    public override void Header(string text) => writer.WriteLine(Inert.Text(text));

    public override void Epoch(EpochReport r, bool stopping)
    {
        var c = CultureInfo.InvariantCulture;
        string width = new(' ', Math.Max(0, r.Epochs.ToString(c).Length - r.Epoch.ToString(c).Length));
        var line = new System.Text.StringBuilder(string.Create(c, $"epoch {width}{r.Epoch}/{r.Epochs}  loss {r.Loss,6:F4}"));
        if (r.Validation is { } v) line.Append(string.Create(c, $"  val_loss {v.Loss,6:F4}"));
        if (classification) line.Append(string.Create(c, $"  acc {r.Accuracy:F4}"));
        if (r.Validation is { } w) line.Append(classification ? string.Create(c, $"  val_acc {w.Accuracy:F4}") : $"  val_r2 {Common.Numbers.R2Cell(w.R2),7}");
        line.Append(string.Create(c, $"  {r.SamplesPerSecond,8:F0} samples/s"));
        writer.WriteLine(line.ToString());
    }

    public override void Line(string text) => writer.WriteLine(Inert.Text(text));
}
