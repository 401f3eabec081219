using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>z = a ⊙ b (broadcast);  dz/da = b, dz/db = a</summary>
internal sealed class Mul<T>(Tensor<T> a, Tensor<T> b) : Node<T>(a, b) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var z = Broadcast.Binary<T, MulFn<T>>(a, b, "Mul");
        return GradMode.Needs(a, b) ? Record(z, new Mul<T>(a, b)) : z;
    }

    public override string Name => "mul";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dz)
    {
        if (a.RequiresGrad) Broadcast.AccumulateReduced(Broadcast.Binary<T, MulFn<T>>(dz, b, "Mul backward"), a.GradBuffer());
        if (b.RequiresGrad) Broadcast.AccumulateReduced(Broadcast.Binary<T, MulFn<T>>(dz, a, "Mul backward"), b.GradBuffer());
    }
}
