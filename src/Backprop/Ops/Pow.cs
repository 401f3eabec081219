using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Ops;

/// <summary>y = xᵖ for a constant p;  dy/dx = p·xᵖ⁻¹</summary>
public readonly struct PowFn<T>(T exponent) : IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => $"pow({exponent})";
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = PowOf(x[i], exponent);
    }
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        if (exponent == T.Zero) { dx.Clear(); return; } // x⁰ = 1 is constant, also at x = 0
        for (int i = 0; i < dx.Length; i++) dx[i] = dy[i] * exponent * PowOf(x[i], exponent - T.One);
    }

    // Integer exponents by repeated multiplication (exact, and defined for negative x); others by T.Pow.
    private static T PowOf(T x, T p)
    {
        if (T.IsInteger(p) && T.Abs(p) <= T.CreateTruncating(64))
        {
            int n = int.CreateTruncating(T.Abs(p));
            T r = T.One;
            for (int k = 0; k < n; k++) r *= x;
            return p < T.Zero ? T.One / r : r;
        }
        return T.Pow(x, p);
    }
}
