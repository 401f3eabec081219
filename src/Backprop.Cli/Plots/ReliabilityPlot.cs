using Backprop.Training;
using ScottPlot;

namespace Backprop.Cli.Plots;

/// <summary>A reliability diagram: each confidence bin's accuracy as a bar at its confidence range, against the diagonal of perfect
/// calibration, with the expected calibration error in the title.</summary>
internal static class ReliabilityPlot
{
    public const int Width = 800, Height = 800;

    public static void Save(string path, ReliabilityDiagram diagram, string title)
    {
        var plot = new Plot();
        var bars = diagram.Bins.Where(b => b.Count > 0).Select(b => new Bar
        {
            Position = (b.Low + b.High) / 2, Value = b.Accuracy, Size = (b.High - b.Low) * 0.95, FillColor = Colors.C0.WithAlpha(0.8),
        }).ToList();
        var accuracy = plot.Add.Bars(bars);
        accuracy.LegendText = "accuracy of the rows in the bin";
        double[] centres = [.. diagram.Bins.Where(b => b.Count > 0).Select(b => (b.Low + b.High) / 2)], confidences = [.. diagram.Bins.Where(b => b.Count > 0).Select(b => b.Confidence)];
        var confidence = plot.Add.ScatterPoints(centres, confidences, Colors.C1);
        confidence.MarkerSize = 8;
        confidence.LegendText = "their mean confidence";
        var ideal = plot.Add.Line(0, 0, 1, 1);
        ideal.LinePattern = LinePattern.Dashed;
        ideal.Color = Colors.Gray;
        ideal.LegendText = "perfect calibration";
        plot.Title(title + string.Create(System.Globalization.CultureInfo.InvariantCulture, $": ECE {diagram.ExpectedCalibrationError:F4} ({diagram.Bins.Count} equal-width bins)"));
        plot.XLabel("confidence (top class probability)");
        plot.YLabel("accuracy");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        Png.Save(path, Width, Height, canvas => plot.Render(canvas, Width, Height));
    }
}
