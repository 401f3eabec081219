using System.Numerics;

namespace Backprop.Ops;

/// <summary>y = x if x &gt; 0 else αx;  dy/dx = 1 if x &gt; 0 else α</summary>
public readonly struct LeakyReluFn<T>(T alpha) : IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => $"leaky_relu({alpha})";
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] = x[i] > T.Zero ? x[i] : alpha * x[i];
    }
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] = x[i] > T.Zero ? dy[i] : alpha * dy[i];
    }
}
