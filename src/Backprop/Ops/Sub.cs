using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>z = a - b (broadcast);  dz/da = 1, dz/db = -1</summary>
internal sealed class Sub<T>(Tensor<T> a, Tensor<T> b) : Node<T>(a, b) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var z = Broadcast.Binary<T, SubFn<T>>(a, b, "Sub");
        return GradMode.Needs(a, b) ? Record(z, new Sub<T>(a, b)) : z;
    }

    public override string Name => "sub";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dz)
    {
        if (a.RequiresGrad) Broadcast.AccumulateReduced(dz, a.GradBuffer());
        if (b.RequiresGrad)
        {
            var negated = new Tensor<T>(dz.Shape);
            TensorPrimitives.Negate(dz.Span, negated.Span);
            Broadcast.AccumulateReduced(negated, b.GradBuffer());
        }
    }
}
