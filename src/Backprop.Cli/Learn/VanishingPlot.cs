using System.Globalization;
using Backprop.Diagnostics;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Backprop.Cli.Learn;

/// <summary>
/// The vanishing-gradient table as a line plot: layer on x, mean |dL/dW| on a log y axis (ScottPlot 5 has no log axis, so
/// log10 values are plotted with ticks at whole powers labelled 10^k), one line per activation.
/// </summary>
internal static class VanishingPlot
{
    public const int Width = 800, Height = 500;

    public static byte[] Png(IReadOnlyList<LayerGradients> results, int hidden, int width)
    {
        var plot = new Plot();
        foreach (var result in results)
        {
            var points = result.MeanAbsGradient.Select((g, i) => (X: i + 1.0, Y: g)).Where(p => p.Y > 0 && double.IsFinite(p.Y)).ToArray();
            var line = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => Math.Log10(p.Y)).ToArray());
            line.LegendText = result.Activation.ToString();
            line.LineWidth = 2;
            line.MarkerSize = 6;
            if (result.Activation is Nn.Activations.LeakyRelu) line.LinePattern = LinePattern.Dashed; // else hidden under relu
        }
        plot.Axes.Left.TickGenerator = new NumericAutomatic
        {
            MinorTickGenerator = new LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = PowerOfTen,
        };
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        plot.Title($"Gradient size per layer: {hidden} hidden layers of {width}");
        plot.XLabel("layer (1 = nearest the input)");
        plot.YLabel("mean |dL/dW| (log scale)");
        plot.ShowLegend(Alignment.LowerRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>10^k written with superscript digits, e.g. 10⁻⁶.</summary>
    public static string PowerOfTen(double exponent)
    {
        const string digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        string k = Math.Round(exponent).ToString(CultureInfo.InvariantCulture);
        return "10" + string.Concat(k.Select(c => c == '-' ? '⁻' : digits[c - '0']));
    }
}
