using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>A scaler as plain data, for model files: x' = (x − Offsets[j]) / Scales[j] per feature j.</summary>
/// <param name="Kind">The registered <see cref="Scaling"/> that fitted it (<see cref="Scalers.Registry"/>): <c>standard</c> (offsets are means, scales
/// standard deviations), <c>minmax</c> (offsets are minima, scales ranges) or a user's.</param>
/// <param name="Offsets">What is subtracted from each feature.</param>
/// <param name="Scales">What each feature is then divided by (never 0).</param>
public sealed record ScalerState(string Kind, double[] Offsets, double[] Scales);

/// <summary>
/// A per-feature affine rescaling x' = (x − offset) / scale, fitted on training data only and then applied unchanged to
/// validation, test and new data. A constant feature gets scale 1. <see cref="Kind"/> names the <see cref="Scaling"/> that fitted it.
/// </summary>
public class Scaler
{
    /// <summary>A scaler of <paramref name="kind"/> (a registered <see cref="Scaling"/>'s name) with <paramref name="offsets"/> and <paramref name="scales"/> (used, not copied).</summary>
    /// <exception cref="ArgumentException">The lengths differ, a value is not finite, or a scale is 0.</exception>
    public Scaler(string kind, double[] offsets, double[] scales)
    {
        Kind = kind;
        if (offsets.Length != scales.Length) throw new ArgumentException($"Scaler: {offsets.Length} offsets but {scales.Length} scales.");
        for (int j = 0; j < scales.Length; j++)
            if (!double.IsFinite(offsets[j]) || !double.IsFinite(scales[j]) || scales[j] == 0)
                throw new ArgumentException($"Scaler: feature {j} has offset {offsets[j]} and scale {scales[j]}; both must be finite and the scale non-zero.");
        (_offsets, _scales) = (offsets, scales);
    }

    private readonly double[] _offsets, _scales;

    /// <summary>The names <see cref="Fit{T}(string, Tensor{T})"/> accepts: the registered scalings (<see cref="Scalers.Registry"/>).</summary>
    public static string Names => Scalers.Registry.Names;

    /// <summary>What is subtracted from each feature.</summary>
    public IReadOnlyList<double> Offsets => _offsets;

    /// <summary>What each feature is divided by.</summary>
    public IReadOnlyList<double> Scales => _scales;

    /// <summary>The number of features it was fitted on.</summary>
    public int Features => Offsets.Count;

    /// <summary>The registered name of the <see cref="Scaling"/> that fitted it: <c>standard</c>, <c>minmax</c> or a user's.</summary>
    public string Kind { get; }

    /// <summary>Fits the scaler named <paramref name="kind"/> (<see cref="Names"/>) on the rows of <paramref name="x"/> [N, F].</summary>
    public static Scaler Fit<T>(string kind, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
        Scalers.Parse(kind).Fit(x) ?? throw new FormatException($"The scaler '{kind}' fits nothing; expected one that does, of {Names}.");

    /// <summary>Fits the scaler <paramref name="scaling"/> asks for on the rows of <paramref name="x"/> [N, F]; null for <see cref="Scaling.None"/>.</summary>
    public static Scaler? Fit<T>(Scaling scaling, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => scaling.Fit(x);

    /// <summary>The features of <paramref name="x"/> [N, F], rescaled (a new tensor).</summary>
    public Tensor<T> Transform<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rank != 2 || x.Shape[1] != Features)
            throw new ArgumentException($"Scaler: fitted on {Features} features; got data {x.Shape}.");
        var result = new Tensor<T>(x.Shape);
        Transform<T>(x.Span, result.Span);
        return result;
    }

    /// <summary>Rescales rows of <see cref="Features"/> values from <paramref name="src"/> into <paramref name="dst"/> (which may be the same span):
    /// one row or many, row-major, without allocating.</summary>
    /// <exception cref="ArgumentException">The lengths differ or are not a whole number of rows.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Transform<T>(ReadOnlySpan<T> src, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(src.Length, dst.Length);
        Kernels.AffineRows.Standardise(src, dst, _offsets, _scales); // training rescales every mini-batch as it is drawn
    }

    /// <summary>Undoes <see cref="Transform{T}(Tensor{T})"/>: x·scale + offset, column by column (a new tensor of the same shape; [N] counts as [N, 1]).</summary>
    public Tensor<T> InverseTransform<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rank is < 1 or > 2 || (x.Rank == 2 ? x.Shape[1] : 1) != Features)
            throw new ArgumentException($"Scaler: fitted on {Features} columns; got {x.Shape}.");
        var result = new Tensor<T>(x.Shape);
        InverseTransform<T>(x.Span, result.Span);
        return result;
    }

    /// <summary>Undoes <see cref="Transform{T}(ReadOnlySpan{T}, Span{T})"/> from <paramref name="src"/> into <paramref name="dst"/> (which may be the same span).</summary>
    /// <exception cref="ArgumentException">The lengths differ or are not a whole number of rows.</exception>
    public void InverseTransform<T>(ReadOnlySpan<T> src, Span<T> dst) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckRows(src.Length, dst.Length);
        for (int i = 0; i < src.Length; i++)
        {
            int j = i % Features;
            dst[i] = T.CreateTruncating(double.CreateTruncating(src[i]) * Scales[j] + Offsets[j]);
        }
    }

    /// <summary>The data set with rescaled features and the same targets.</summary>
    public Dataset<T> Transform<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T> =>
        new Dataset<T>(Transform(data.X), data.Y, data.Classes).WithWeights(data.Weights);

    /// <summary>The scaler as plain data.</summary>
    public ScalerState ToState() => new(Kind, [.. Offsets], [.. Scales]);

    /// <summary>The scaler a <see cref="ScalerState"/> describes, restored by the <see cref="Scaling"/> registered under its kind.</summary>
    /// <exception cref="FormatException">No scaling is registered under the kind.</exception>
    public static Scaler FromState(ScalerState state) =>
        (Scalers.Registry.Find(state.Kind)?.Create() ?? throw new FormatException($"Unknown scaler kind '{state.Kind}'; expected one of {Names}."))
        .Restore(state.Offsets, state.Scales);

    private void CheckRows(int src, int dst)
    {
        if (src != dst || src % Features != 0) throw new ArgumentException($"Scaler: fitted on {Features} features; got spans of {src} and {dst} values.");
    }

    /// <summary>Throws unless <paramref name="x"/> is [N, F] data with at least one row.</summary>
    private protected static void CheckFittable<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rank != 2 || x.Shape[0] == 0) throw new ArgumentException($"Scaler: needs at least one row of [N, F] data to fit; got {x.Shape}.");
    }

    /// <summary>Throws unless there is at least one row.</summary>
    private protected static void CheckFittable<T>(FeatureRows<T> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows.Count == 0) throw new ArgumentException($"Scaler: needs at least one row of [N, F] data to fit; got {new Shape(0, rows.Features)}.");
    }
}

/// <summary>Standardises each feature to mean 0 and standard deviation 1 (population deviation; a constant feature keeps scale 1).</summary>
public sealed class StandardScaler : Scaler
{
    internal const string Name = "standard";

    internal StandardScaler(double[] means, double[] deviations) : base(Name, means, deviations) { }

    /// <summary>Fits means and standard deviations on the rows of <paramref name="x"/> [N, F] (the training features only).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static StandardScaler Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFittable(x);
        return Fit(new FeatureRows<T>(x.Data, x.Shape[1], x.Shape[0]));
    }

    // mean_j = Σ_i x_ij / n, sd_j = √(Σ_i (x_ij − mean_j)² / n), each feature summed over the rows in row order (the same bits for a view and a copy)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static StandardScaler Fit<T>(FeatureRows<T> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFittable(rows);
        int n = rows.Count, f = rows.Features;
        var means = new double[f];
        var deviations = new double[f];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i];
            for (int j = 0; j < f; j++) means[j] += double.CreateTruncating(row[j]);
        }
        for (int j = 0; j < f; j++) means[j] /= n;
        for (int i = 0; i < n; i++)
        {
            var row = rows[i];
            for (int j = 0; j < f; j++)
            {
                double d = double.CreateTruncating(row[j]) - means[j];
                deviations[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) deviations[j] = Math.Sqrt(deviations[j] / n) is var s && s > 0 ? s : 1;
        return new StandardScaler(means, deviations);
    }
}

/// <summary>Maps each feature's training range onto [0, 1] (a constant feature keeps scale 1).</summary>
public sealed class MinMaxScaler : Scaler
{
    internal const string Name = "minmax";

    internal MinMaxScaler(double[] minima, double[] ranges) : base(Name, minima, ranges) { }

    /// <summary>Fits minima and ranges on the rows of <paramref name="x"/> [N, F] (the training features only).</summary>
    public static MinMaxScaler Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFittable(x);
        return Fit(new FeatureRows<T>(x.Data, x.Shape[1], x.Shape[0]));
    }

    // min_j = min_i x_ij, range_j = max_i x_ij − min_j, row by row
    internal static MinMaxScaler Fit<T>(FeatureRows<T> rows) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckFittable(rows);
        int f = rows.Features;
        var minima = new double[f];
        var maxima = new double[f];
        for (int j = 0; j < f; j++) minima[j] = maxima[j] = double.CreateTruncating(rows[0][j]);
        for (int i = 1; i < rows.Count; i++)
        {
            var row = rows[i];
            for (int j = 0; j < f; j++)
            {
                double v = double.CreateTruncating(row[j]);
                if (v < minima[j] || double.IsNaN(v)) minima[j] = v; // a NaN stays the minimum, as Enumerable.Min has it
                if (v > maxima[j]) maxima[j] = v;
            }
        }
        var ranges = new double[f];
        for (int j = 0; j < f; j++) ranges[j] = maxima[j] - minima[j] is var r && r > 0 ? r : 1;
        return new MinMaxScaler(minima, ranges);
    }
}
