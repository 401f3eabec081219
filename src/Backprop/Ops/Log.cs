using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Ops;

/// <summary>y = ln x;  dy/dx = 1/x</summary>
public readonly struct LogFn<T> : IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "log";
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Log(x, y);
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => TensorPrimitives.Divide(dy, x, dx);
}
