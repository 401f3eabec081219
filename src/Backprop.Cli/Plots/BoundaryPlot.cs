using Backprop.Data;
using Backprop.Tensors;
using ScottPlot;
using SkiaSharp;

namespace Backprop.Cli.Plots;

/// <summary>Decision regions of a classifier of two features: a grid of predicted classes in light colours, with the data points on top in full colour.</summary>
internal static class BoundaryPlot
{
    public const int Width = 800, Height = 600, Grid = 240;

    public static void Save(string path, Dataset<float> data, Func<Tensor<float>, int[]> classify, IReadOnlyList<string> classNames,
        IReadOnlyList<string> axisNames, string title)
    {
        var (xMin, xMax) = Bounds(data, 0);
        var (yMin, yMax) = Bounds(data, 1);
        var grid = new float[Grid * Grid * 2];
        for (int row = 0; row < Grid; row++)
            for (int col = 0; col < Grid; col++)
            {
                int i = row * Grid + col;
                grid[2 * i] = (float)(xMin + (xMax - xMin) * (col + 0.5) / Grid);
                grid[2 * i + 1] = (float)(yMax - (yMax - yMin) * (row + 0.5) / Grid); // row 0 is the top
            }
        int[] regions = classify(Tensor<float>.FromArray(grid, Grid * Grid, 2));
        var palette = new ScottPlot.Palettes.Category10();
        using var bitmap = new SKBitmap(Grid, Grid);
        for (int i = 0; i < regions.Length; i++)
        {
            var c = palette.GetColor(regions[i]);
            bitmap.SetPixel(i % Grid, i / Grid, new SKColor(Light(c.R), Light(c.G), Light(c.B)));
        }

        var plot = new Plot();
        plot.Add.ImageRect(new Image(bitmap), new CoordinateRect(xMin, xMax, yMin, yMax));
        for (int k = 0; k < classNames.Count; k++)
        {
            var rows = Enumerable.Range(0, data.Count).Where(i => (int)data.Y.Span[i] == k).ToArray();
            var points = plot.Add.ScatterPoints(rows.Select(i => (double)data.X.Span[2 * i]).ToArray(), rows.Select(i => (double)data.X.Span[2 * i + 1]).ToArray(), palette.GetColor(k));
            points.MarkerSize = 5;
            points.LegendText = classNames[k];
        }
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        plot.XLabel(axisNames[0]);
        plot.YLabel(axisNames[1]);
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        Png.Save(path, Width, Height, canvas => plot.Render(canvas, Width, Height));
    }

    private static byte Light(byte v) => (byte)(v + (255 - v) * 0.65);

    private static (double Min, double Max) Bounds(Dataset<float> data, int column)
    {
        double min = double.MaxValue, max = double.MinValue;
        for (int i = 0; i < data.Count; i++)
        {
            double v = data.X.Span[2 * i + column];
            min = Math.Min(min, v); max = Math.Max(max, v);
        }
        double pad = Math.Max((max - min) * 0.08, 1e-3);
        return (min - pad, max + pad);
    }
}
