using System.Numerics;
using System.Runtime.CompilerServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>Row-wise kernels over a matrix stored row-major as [rows, cols].</summary>
internal static class Rows
{
    /// <summary>y = softmax(x) per row: exp(x - max) / Σ exp(x - max).</summary>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> y, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < x.Length / cols; r++)
        {
            var xr = x.Slice(r * cols, cols);
            var yr = y.Slice(r * cols, cols);
            TensorPrimitives.Subtract(xr, TensorPrimitives.Max(xr), yr);
            TensorPrimitives.Exp(yr, yr);
            TensorPrimitives.Divide(yr, TensorPrimitives.Sum<T>(yr), yr);
        }
    }

    /// <summary>Softmax's backward per row, given p = softmax(x): dx = p ⊙ (dp − Σⱼ pⱼ dpⱼ), added to <paramref name="dx"/> or written over it.</summary>
    public static void SoftmaxBackward<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> dp, Span<T> dx, int cols, bool accumulate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var row = accumulate ? new T[cols] : null;
        for (int r = 0; r < p.Length / cols; r++)
        {
            var pr = p.Slice(r * cols, cols);
            var dpr = dp.Slice(r * cols, cols);
            var into = row ?? dx.Slice(r * cols, cols);
            T dot = TensorPrimitives.Dot<T>(pr, dpr);
            TensorPrimitives.Subtract(dpr, dot, into);
            TensorPrimitives.Multiply(into, pr, into);
            if (row is not null) Elementwise.AddInPlace(dx.Slice(r * cols, cols), row);
        }
    }

    /// <summary>y = x - logΣexp(x) per row, computed as x - max - log Σ exp(x - max).</summary>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> y, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < x.Length / cols; r++)
        {
            var xr = x.Slice(r * cols, cols);
            var yr = y.Slice(r * cols, cols);
            T max = TensorPrimitives.Max(xr);
            TensorPrimitives.Subtract(xr, max, yr);
            T sum = T.Zero;
            foreach (var v in yr) sum += T.Exp(v);
            TensorPrimitives.Subtract(yr, T.Log(sum), yr);
        }
    }

    /// <summary>s[c] += Σ_r x[r, c]: column sums, the bias gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateColumnSums<T>(ReadOnlySpan<T> x, Span<T> s, int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < x.Length / cols; r++) Elementwise.AddInPlace(s[..cols], x.Slice(r * cols, cols));
    }
}
