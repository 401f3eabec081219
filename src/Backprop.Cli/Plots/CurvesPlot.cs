using Backprop.Training;
using ScottPlot;

namespace Backprop.Cli.Plots;

/// <summary>Training curves: loss per epoch (training and validation) above accuracy (training and validation) or validation R².</summary>
internal static class CurvesPlot
{
    public const int Width = 800, Height = 600;

    public static void Save(string path, IReadOnlyList<EpochReport> history, bool classification, string title, int? restoredEpoch)
    {
        double[] epochs = [.. history.Select(h => (double)h.Epoch)];
        bool validation = history.Count > 0 && history[0].Validation is not null;

        var loss = new Plot();
        loss.Title(title);
        Line(loss, epochs, [.. history.Select(h => h.Loss)], "training loss", Colors.C0);
        if (validation) Line(loss, epochs, [.. history.Select(h => h.Validation!.Loss)], "validation loss", Colors.C1);
        loss.YLabel("loss");

        var quality = new Plot();
        if (classification)
        {
            Line(quality, epochs, [.. history.Select(h => h.Accuracy ?? double.NaN)], "training accuracy", Colors.C0);
            if (validation) Line(quality, epochs, [.. history.Select(h => h.Validation!.Accuracy ?? double.NaN)], "validation accuracy", Colors.C1);
            quality.YLabel("accuracy");
        }
        else
        {
            if (validation) Line(quality, epochs, [.. history.Select(h => h.Validation!.R2 ?? double.NaN)], "validation R²", Colors.C1);
            quality.YLabel("R²");
        }
        quality.XLabel("epoch");
        foreach (var plot in new[] { loss, quality })
        {
            if (restoredEpoch is { } best)
            {
                var marker = plot.Add.VerticalLine(best, 1, Colors.Gray, LinePattern.Dashed);
                marker.LegendText = $"restored epoch {best}";
            }
            plot.ShowLegend(plot == loss ? Alignment.UpperRight : Alignment.LowerRight);
        }
        Png.SaveStacked(path, Width, Height, loss, quality);
    }

    private static void Line(Plot plot, double[] xs, double[] ys, string label, Color color)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = 2;
        line.LegendText = label;
    }
}
