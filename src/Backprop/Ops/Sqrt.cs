using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Ops;

/// <summary>y = √x;  dy/dx = 1/(2√x) = 1/(2y)</summary>
public readonly struct SqrtFn<T> : IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "sqrt";
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sqrt(x, y);
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        T half = T.One / (T.One + T.One);
        for (int i = 0; i < dx.Length; i++) dx[i] = half * dy[i] / y[i];
    }
}
