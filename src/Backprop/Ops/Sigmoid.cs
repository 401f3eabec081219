using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Ops;

/// <summary>σ(x) = 1/(1 + e⁻ˣ);  dσ/dx = σ(1 - σ) ≤ ¼ (the source of vanishing gradients)</summary>
public readonly struct SigmoidFn<T> : IUnaryFn<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public string Name => "sigmoid";
    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Sigmoid(x, y);
    /// <inheritdoc/>
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++) dx[i] = dy[i] * y[i] * (T.One - y[i]);
    }
}
