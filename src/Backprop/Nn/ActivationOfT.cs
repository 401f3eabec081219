using System.Numerics;
using Backprop.Kernels;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>An elementwise activation bound to the element type <typeparamref name="T"/>: its operator struct behind one virtual call per span.</summary>
public abstract class Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected Activation() { }

    /// <summary>Binds the operator <paramref name="op"/>: every loop over it is compiled for <typeparamref name="TOp"/>.</summary>
    public static Activation<T> Of<TOp>(TOp op) where TOp : struct, IActivationOperator<T> => new Bound<TOp>(op);

    /// <summary>Calls <paramref name="visitor"/> with the operator struct, so generic code (a kernel) can be compiled for it.</summary>
    public abstract TResult Visit<TResult>(IActivationVisitor<T, TResult> visitor);

    internal abstract void Forward(ReadOnlySpan<T> x, Span<T> y);
    internal abstract void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx);
    internal abstract T Derivative(T x, T y);
    internal abstract Tensor<T> Apply(Tensor<T> x, string name);
    internal abstract IDenseKernel<T> DenseKernel();

    private sealed class Bound<TOp>(TOp op) : Activation<T> where TOp : struct, IActivationOperator<T>
    {
        public override TResult Visit<TResult>(IActivationVisitor<T, TResult> visitor) => visitor.Visit(op);
        internal override void Forward(ReadOnlySpan<T> x, Span<T> y) => ActivationLoop.Forward(op, x, y, ComputeSettings.Current.MaxVectorBits);
        internal override void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) =>
            ActivationLoop.Backward(op, x, y, dy, dx, ComputeSettings.Current.MaxVectorBits);
        internal override T Derivative(T x, T y) => op.Derivative<T, ScalarLanes<T>>(x, y);
        internal override Tensor<T> Apply(Tensor<T> x, string name) => Activate<T, TOp>.Apply(x, op, name);
        internal override IDenseKernel<T> DenseKernel() => new DenseKernel<T, TOp>(op);
    }
}

/// <summary>Generic code run with an activation's operator struct (see <see cref="Activation{T}.Visit{TResult}"/>).</summary>
public interface IActivationVisitor<T, TResult> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Runs with the operator <paramref name="op"/> of type <typeparamref name="TOp"/>.</summary>
    TResult Visit<TOp>(TOp op) where TOp : struct, IActivationOperator<T>;
}
