using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>z = a / b (broadcast);  dz/da = 1/b, dz/db = -a/b² = -z/b</summary>
internal sealed class Div<T>(Tensor<T> a, Tensor<T> b) : Node<T>(a, b) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var z = Broadcast.Binary<T, DivFn<T>>(a, b, "Div");
        return GradMode.Needs(a, b) ? Record(z, new Div<T>(a, b)) : z;
    }

    public override string Name => "div";

    protected internal override void Backward(Tensor<T> z, Tensor<T> dz)
    {
        if (a.RequiresGrad) Broadcast.AccumulateReduced(Broadcast.Binary<T, DivFn<T>>(dz, b, "Div backward"), a.GradBuffer());
        if (b.RequiresGrad)
        {
            var dzTimesZ = new Tensor<T>(z.Shape);
            TensorPrimitives.Multiply(dz.Span, z.Span, dzTimesZ.Span);
            TensorPrimitives.Negate(dzTimesZ.Span, dzTimesZ.Span);
            Broadcast.AccumulateReduced(Broadcast.Binary<T, DivFn<T>>(dzTimesZ, b, "Div backward"), b.GradBuffer());
        }
    }
}
