using Backprop.Tensors;
using Xunit.Sdk;

namespace Backprop.Tests.Support;

/// <summary>Seeded inputs and closeness assertions shared by the tests.</summary>
internal static class TestData
{
    /// <summary>A seed that differs for each combination of the given numbers.</summary>
    public static ulong Seed(params int[] parts)
    {
        ulong h = 1469598103934665603UL;
        foreach (var p in parts) h = (h ^ (uint)p) * 1099511628211UL;
        return h;
    }

    /// <summary>A seed from a name and numbers (deterministic, unlike string.GetHashCode).</summary>
    public static ulong Seed(string name, params int[] parts)
    {
        var codes = new int[name.Length + parts.Length];
        for (int i = 0; i < name.Length; i++) codes[i] = name[i];
        parts.CopyTo(codes, name.Length);
        return Seed(codes);
    }

    /// <summary>N(0, std²) samples.</summary>
    public static Tensor<double> Normal(ulong seed, double std, params int[] dims) => Tensor<double>.RandomNormal(seed, 0, std, dims);

    /// <summary>U[low, high) samples.</summary>
    public static Tensor<double> Uniform(ulong seed, double low, double high, params int[] dims) => Tensor<double>.RandomUniform(seed, low, high, dims);

    /// <summary>
    /// Magnitudes in [min, max) with signs +, -, +, ... in row-major order: away from 0 (kinks, poles),
    /// both signs present whenever there are two elements, and a lone element positive.
    /// </summary>
    public static Tensor<double> AwayFromZero(ulong seed, double min, double max, params int[] dims)
    {
        var rng = new Rng(seed);
        var t = new Tensor<double>(new Shape(dims));
        for (int i = 0; i < t.Length; i++) t.Span[i] = (i % 2 == 0 ? 1 : -1) * rng.Uniform(min, max);
        return t;
    }

    /// <summary>Values at least 0.2 apart, in random order: no ties for max, no argmax flips under a small nudge.</summary>
    public static Tensor<double> Distinct(ulong seed, params int[] dims)
    {
        var rng = new Rng(seed);
        var t = new Tensor<double>(new Shape(dims));
        var order = Enumerable.Range(0, t.Length).ToArray();
        rng.Shuffle(order);
        for (int i = 0; i < t.Length; i++) t.Span[i] = 0.3 * (order[i] - t.Length / 2.0) + rng.Uniform(0, 0.1);
        return t;
    }

    /// <summary>Class indices in [0, classes) as a rank-1 tensor.</summary>
    public static Tensor<double> Labels(ulong seed, int n, int classes)
    {
        var rng = new Rng(seed);
        var t = new Tensor<double>(new Shape(n));
        for (int i = 0; i < n; i++) t.Span[i] = rng.NextInt(classes);
        return t;
    }

    /// <summary>Rows of positive probabilities that sum to 1.</summary>
    public static Tensor<double> Probabilities(ulong seed, int n, int classes)
    {
        var t = Uniform(seed, 0.05, 1, n, classes);
        for (int r = 0; r < n; r++)
        {
            var row = t.Span.Slice(r * classes, classes);
            double s = 0;
            foreach (var v in row) s += v;
            for (int c = 0; c < classes; c++) row[c] /= s;
        }
        return t;
    }

    /// <summary>|actual - expected| ≤ tol·max(1, |expected|) for every element.</summary>
    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            if (!(Math.Abs(actual[i] - expected[i]) <= tol * Math.Max(1, Math.Abs(expected[i]))))
                throw new XunitException($"{what}[{i}]: expected {expected[i]:R}, got {actual[i]:R} (difference {Math.Abs(actual[i] - expected[i]):E2}, tolerance {tol:E0}).");
    }

    /// <summary>Scalar form of <see cref="AssertClose(ReadOnlySpan{double}, ReadOnlySpan{double}, double, string)"/>.</summary>
    public static void AssertClose(double expected, double actual, double tol, string what)
        => AssertClose([expected], [actual], tol, what);
}
