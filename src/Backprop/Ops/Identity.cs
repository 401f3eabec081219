using System.Numerics;

namespace Backprop.Ops;

/// <summary>y = x (the linear output of a regression network);  dy/dx = 1</summary>
public readonly struct IdentityFn<T> : IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "identity";
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> x, Span<T> y) => x.CopyTo(y);
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => dy.CopyTo(dx);
}
