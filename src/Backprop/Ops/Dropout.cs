using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Ops;

/// <summary>y = x ⊙ m for a fixed mask m (0 for a dropped unit, 1/(1 − p) for a kept one);  dx = dy ⊙ m</summary>
internal sealed class Dropout<T>(Tensor<T> x, T[] mask) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>x ⊙ <paramref name="mask"/> (as long as x), recorded for backward when x needs a gradient.</summary>
    public static Tensor<T> Apply(Tensor<T> x, T[] mask)
    {
        var y = new Tensor<T>(x.Shape);
        TensorPrimitives.Multiply(x.Span, mask, y.Span);
        return GradMode.Needs(x) ? Record(y, new Dropout<T>(x, mask)) : y;
    }

    public override string Name => "dropout";

    protected internal override void Backward(Tensor<T> y, Tensor<T> dy)
    {
        var dx = new T[x.Length];
        TensorPrimitives.Multiply(dy.Span, mask, dx);
        AccumulateGrad(x, dx);
    }
}
