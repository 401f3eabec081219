using Backprop.Diagnostics;
using Backprop.Text;
using ScottPlot;

namespace Backprop.Cli.Plots;

/// <summary>Permutation importances as horizontal bars, most important at the top, each with its standard deviation as an error bar.</summary>
internal static class ImportancePlot
{
    public const int Width = 800;

    public static void Save(string path, IReadOnlyList<ColumnImportance> ranked, string title, string axis)
    {
        int k = ranked.Count, height = Math.Clamp(120 + 28 * k, 300, 2400);
        var plot = new Plot();
        var bars = ranked.Select((col, i) => new Bar
        {
            Position = k - 1 - i, Value = col.Mean, Error = col.StandardDeviation, FillColor = Colors.C0, Size = 0.7,
        }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, k).Select(i => (double)(k - 1 - i))], [.. ranked.Select(col => Inert.Text(col.Column))]);
        plot.Add.VerticalLine(0, 1, Colors.Gray);
        plot.Title(title);
        plot.XLabel(axis);
        plot.Axes.Margins(left: 0.05, right: 0.05, bottom: 0.02, top: 0.02);
        Png.Save(path, Width, height, canvas => plot.Render(canvas, Width, height));
    }
}
