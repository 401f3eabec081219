using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// An activation applied to each value on its own, through an <see cref="IActivationOperator{T}"/> struct that
/// <see cref="Bind{T}"/> hands over (<c>Activation&lt;T&gt;.Of(new MyOp&lt;T&gt;())</c>). Derive from this to add one.
/// </summary>
public abstract class ElementwiseActivation(ActivationInfo info) : Activation(info)
{
    private object? _float, _double;

    /// <summary>This activation's operator for the element type <typeparamref name="T"/>.</summary>
    protected abstract Activation<T> Bind<T>() where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The bound operator, made once per element type.</summary>
    internal Activation<T> For<T>() where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? (Activation<T>)(_float ??= Bind<T>())
        : typeof(T) == typeof(double) ? (Activation<T>)(_double ??= Bind<T>())
        : Bind<T>();

    /// <inheritdoc/>
    public sealed override void Forward<T>(ReadOnlySpan<T> x, Span<T> y) => For<T>().Forward(x, y);

    /// <inheritdoc/>
    public sealed override void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) => For<T>().Backward(x, y, dy, dx);

    /// <summary>f'(x) for one value, given x and y = f(x).</summary>
    public double Derivative(double x, double y) => For<double>().Derivative(x, y);

    internal sealed override Tensor<T> Apply<T>(Tensor<T> x) => For<T>().Apply(x, ToString());

    internal sealed override IDenseKernel<T> DenseKernel<T>() => For<T>().DenseKernel();
}
