using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Ops;

/// <summary>y = -x;  dy/dx = -1</summary>
public readonly struct NegFn<T> : IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "neg";
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Negate(x, y);
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => TensorPrimitives.Negate(dy, dx);
}
