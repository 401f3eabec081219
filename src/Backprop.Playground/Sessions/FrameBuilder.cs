using Backprop.Data;
using Backprop.Tensors;

namespace Backprop.Playground.Sessions;

/// <summary>Turns a <see cref="TrainingRun"/> into what the page draws: its <see cref="Setup"/> once, then a <see cref="Frame"/> per update.</summary>
internal static class FrameBuilder
{
    /// <summary>Cells across the decision map (<see cref="LargeMapSize"/> for a network of more than <see cref="LargeNetwork"/> parameters).</summary>
    public const int MapSize = 48;

    /// <summary>Cells across a large network's decision map, whose forward pass over the grid costs in proportion to its parameters.</summary>
    public const int LargeMapSize = 24;

    /// <summary>Parameters beyond which a network is large.</summary>
    public const int LargeNetwork = 5000;

    /// <summary>Cells across each unit's small map.</summary>
    public const int UnitMapSize = 16;

    /// <summary>
    /// The most training (and test) rows drawn and evaluated on each frame: beyond, a seeded sample of this many (the network still
    /// trains on every row), so a large table costs each frame no more than this.
    /// </summary>
    public const int MaxDrawnRows = 2000;

    /// <summary>The most points of the loss curves kept; beyond, every other one is dropped.</summary>
    public const int MaxHistory = 400;

    /// <summary>The plotted plane (10% beyond the points) and the points drawn (<see cref="TrainingRun.DrawnTrain"/>, <see cref="TrainingRun.DrawnTest"/>).</summary>
    public static Setup Setup(TrainingRun run, long version)
    {
        var data = run.Data;
        var train = Points(data, run.DrawnTrain, data.Plane?.Train);
        var test = Points(data, run.DrawnTest, data.Plane?.Test);
        var all = train.Concat(test).ToArray();
        double[] box = [.. Padded(all.Min(p => p.X), all.Max(p => p.X)), .. Padded(all.Min(p => p.Y), all.Max(p => p.Y))];
        return new Setup(version, [data.Train.Features, .. run.Layers.Select(l => l.Outputs)], [.. run.Layers.Select(l => l.Activation.ToString())],
            run.Loss.Name, Inert(data.ClassNames), Inert(data.FeatureNames), data.PlotX, data.PlotY, box, train, test, data.Train.Count, data.Test.Count,
            Backprop.Text.Inert.Text(Note(run)), run.StepsPerEpoch, data.Plane?.Inputs.Select(f => f.Key).ToArray());
    }

    /// <summary>The run as it stands; <paramref name="failure"/> says why training stopped, if it did.</summary>
    public static Frame Frame(TrainingRun run, Setup setup, long version, bool playing, List<CurvePoint> history, string? failure)
    {
        var (train, test) = run.Evaluate();
        if (history.Count == 0 || history[^1].Step != run.Steps)
        {
            history.Add(new CurvePoint(run.Steps, run.Epoch, train.Loss, test.Loss));
            if (history.Count > MaxHistory) Thin(history);
        }
        var data = run.Data;
        HeatMap? map = null;
        Curve? curve = null;
        int size = run.Model.ParameterCount > LargeNetwork ? LargeMapSize : MapSize;
        if (data.PlotY >= 0 || data.Classes > 0) map = Map(run, LayerValues.Of(run, LayerValues.Grid(data, setup.Box, size))[^1].A, size);
        else curve = Curve(run, setup.Box);
        var units = LayerValues.Of(run, LayerValues.Grid(data, setup.Box, UnitMapSize));
        return new Frame(version, playing, run.Steps, run.Epoch, train.Loss, test.Loss, train.Accuracy, test.Accuracy,
            [.. run.Layers.Select(l => Float32(l.W.Span))], [.. run.Layers.Select(l => l.B.Span.ToArray())], map, curve,
            [.. units.Select(u => UnitMaps(u.A))], run.GradientNorms(), [.. history], run.Diverged, failure);
    }

    // The data's note, and what of it is drawn when not all.
    // Names from an uploaded file, their control characters escaped (the page shows them as text, never as HTML).
    private static IReadOnlyList<string> Inert(IReadOnlyList<string> names) => Backprop.Text.Inert.Texts(names);

    private static string Note(TrainingRun run)
    {
        var (data, train, test) = (run.Data, run.DrawnTrain, run.DrawnTest);
        if (train.Count == data.Train.Count && test.Count == data.Test.Count) return data.Note;
        string sampled = $"trained on all {data.Train.Count} training rows; drawn and evaluated on a fixed sample of {train.Count} of them and {test.Count} of the {data.Test.Count} test rows";
        return data.Note.Length == 0 ? sampled : data.Note + "; " + sampled;
    }

    // A 7×64×64 network has 28,672 weights: as float32 bytes they are a sixth of their JSON text.
    private static string Float32(ReadOnlySpan<double> values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)values[i]);
        return Convert.ToBase64String(bytes);
    }

    // Each row's plotted coordinates: two features, one and the target, or (a generated set's) its point of the plane, whose rows are the data's.
    private static Point[] Points(PlaygroundData data, Dataset<double> rows, Dataset<double>? plane)
    {
        if (plane is not null && plane.Count != rows.Count) throw new InvalidOperationException("a generated set's rows are all drawn");
        int f = rows.Features, w = rows.TargetWidth;
        var x = (plane ?? rows).X.Span;
        int xf = plane is null ? f : 2, px = plane is null ? data.PlotX : 0, py = plane is null ? data.PlotY : 1;
        var y = rows.Y.Span;
        var points = new Point[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            int label = data.Classes > 0 ? (int)y[r * w] : -1;
            double? value = data.Classes > 0 ? null : y[r * w];
            points[r] = py >= 0
                ? new Point(x[r * xf + px], x[r * xf + py], label, value)
                : new Point(x[r * xf + px], y[r * w], label, value);
        }
        return points;
    }

    private static double[] Padded(double min, double max)
    {
        double pad = Math.Max((max - min) * 0.1, 1e-3);
        return [min - pad, max + pad];
    }

    // Classes: the likeliest class and its probability per cell; values: the prediction scaled into 0..255 between its extremes.
    private static HeatMap Map(TrainingRun run, Tensor<double> output, int size)
    {
        int cells = size * size, k = output.Length / cells;
        var p = output.Span;
        if (run.Data.Classes > 0)
        {
            var bytes = new byte[2 * cells];
            for (int i = 0; i < cells; i++)
            {
                int best = 0;
                for (int c = 1; c < k; c++) if (p[i * k + c] > p[i * k + best]) best = c;
                bytes[2 * i] = (byte)best;
                bytes[2 * i + 1] = ToByte(p[i * k + best], 0, 1);
            }
            return new HeatMap(size, Convert.ToBase64String(bytes), 0, 1);
        }
        var (min, max) = Range(p, k, 0, cells);
        var values = new byte[cells];
        for (int i = 0; i < cells; i++) values[i] = ToByte(p[i * k], min, max);
        return new HeatMap(size, Convert.ToBase64String(values), min, max);
    }

    private static Curve Curve(TrainingRun run, double[] box)
    {
        const int samples = 200;
        var x = new Tensor<double>(new Shape(samples, 1));
        for (int i = 0; i < samples; i++) x.Span[i] = box[0] + (box[1] - box[0]) * i / (samples - 1);
        return new Curve(x.Span.ToArray(), LayerValues.Of(run, x)[^1].A.Span.ToArray());
    }

    // One map per unit of a layer's A [cells, units], symmetric around 0: 128 is 0, 255 is the largest |a|.
    private static HeatMap[] UnitMaps(Tensor<double> a)
    {
        int cells = UnitMapSize * UnitMapSize, units = a.Length / cells;
        var values = a.Span;
        var maps = new HeatMap[units];
        for (int u = 0; u < units; u++)
        {
            var (min, max) = Range(values, units, u, cells);
            double r = Math.Max(Math.Max(Math.Abs(min), Math.Abs(max)), 1e-12);
            var bytes = new byte[cells];
            for (int i = 0; i < cells; i++) bytes[i] = ToByte(values[i * units + u], -r, r);
            maps[u] = new HeatMap(UnitMapSize, Convert.ToBase64String(bytes), -r, r);
        }
        return maps;
    }

    // The finite extremes of values[i·stride + offset] over the cells.
    private static (double Min, double Max) Range(ReadOnlySpan<double> values, int stride, int offset, int cells)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int i = 0; i < cells; i++)
        {
            double v = values[i * stride + offset];
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v); max = Math.Max(max, v);
        }
        return min <= max ? (min, max) : (0, 0);
    }

    private static byte ToByte(double v, double min, double max) =>
        !double.IsFinite(v) || max <= min ? (byte)128 : (byte)Math.Clamp(Math.Round((v - min) / (max - min) * 255), 0, 255);

    private static void Thin(List<CurvePoint> history)
    {
        var kept = history.Where((_, i) => i % 2 == 0 || i == history.Count - 1).ToList();
        history.Clear();
        history.AddRange(kept);
    }
}
