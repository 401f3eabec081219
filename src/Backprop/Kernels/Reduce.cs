using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>Reductions along one axis, seen as [outer, n, inner] in row-major order.</summary>
internal static class Reduce
{
    /// <summary>y[o, i] = Σ_k x[o, k, i]</summary>
    public static void SumAxis<T>(ReadOnlySpan<T> x, Span<T> y, int outer, int n, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        y.Clear();
        for (int o = 0; o < outer; o++)
        {
            var yr = y.Slice(o * inner, inner);
            for (int k = 0; k < n; k++) Elementwise.AddInPlace(yr, x.Slice((o * n + k) * inner, inner));
        }
    }

    /// <summary>dx[o, k, i] += s·dy[o, i]: the backward of a sum (s = 1) or mean (s = 1/n) along the axis.</summary>
    public static void AccumulateSpread<T>(ReadOnlySpan<T> dy, Span<T> dx, int outer, int n, int inner, T s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
        {
            var dyr = dy.Slice(o * inner, inner);
            for (int k = 0; k < n; k++) Elementwise.AddScaledInPlace(dx.Slice((o * n + k) * inner, inner), dyr, s);
        }
    }

    /// <summary>y[o, i] = max_k x[o, k, i], and where[o, i] = the first k that attains it.</summary>
    public static void MaxAxis<T>(ReadOnlySpan<T> x, Span<T> y, Span<int> where, int outer, int n, int inner) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                T max = x[o * n * inner + i];
                for (int k = 1; k < n; k++)
                {
                    T v = x[(o * n + k) * inner + i];
                    if (v > max || (T.IsNaN(v) && !T.IsNaN(max))) { max = v; best = k; }
                }
                y[o * inner + i] = max;
                where[o * inner + i] = best;
            }
    }

    /// <summary>Σ x over all elements.</summary>
    public static T Sum<T>(ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T> => TensorPrimitives.Sum(x);
}
