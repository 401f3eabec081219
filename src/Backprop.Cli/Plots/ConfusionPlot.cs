using Backprop.Training;
using ScottPlot;

namespace Backprop.Cli.Plots;

/// <summary>A confusion matrix as a heat map: true classes down, predicted classes across, each cell's count written in it,
/// coloured by its share of the true class's rows.</summary>
internal static class ConfusionPlot
{
    public const int Width = 800, Height = 800;

    public static void Save(string path, ClassificationReport report, IReadOnlyList<string> classNames, string title)
    {
        int k = classNames.Count;
        var shares = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            int total = report.Support(r);
            for (int c = 0; c < k; c++) shares[r, c] = total == 0 ? 0 : (double)report.Confusion(r, c) / total;
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(shares);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Extent = new CoordinateRect(0, k - 1, 0, k - 1); // the centres of the corner cells
        float fontSize = k <= 10 ? 14 : k <= 20 ? 10 : 7;
        for (int r = 0; r < k; r++)
            for (int c = 0; c < k; c++)
            {
                if (report.Confusion(r, c) == 0 && k > 10) continue;
                var text = plot.Add.Text(report.Confusion(r, c).ToString(System.Globalization.CultureInfo.InvariantCulture), c, k - 1 - r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = fontSize;
                text.LabelFontColor = shares[r, c] > 0.5 ? Colors.White : Colors.Black;
            }
        double[] positions = [.. Enumerable.Range(0, k).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(positions, [.. classNames]);
        plot.Axes.Left.SetTicks([.. positions.Select(p => k - 1 - p)], [.. classNames]);
        if (classNames.Sum(n => n.Length) * 8 > 560)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 8 * classNames.Max(n => n.Length) + 30;
        }
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        plot.Title(title);
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.HideGrid();
        plot.Add.ColorBar(heatmap).Label = "share of the true class";
        Png.Save(path, Width, Height, canvas => plot.Render(canvas, Width, Height));
    }
}
