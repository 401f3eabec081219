using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>z = a + b (broadcast);  dz/da = 1, dz/db = 1, each summed over the axes it was broadcast along</summary>
internal sealed class Add<T>(Tensor<T> a, Tensor<T> b) : Node<T>(a, b) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        var z = Broadcast.Binary<T, AddFn<T>>(a, b, "Add");
        return GradMode.Needs(a, b) ? Record(z, new Add<T>(a, b)) : z;
    }

    public override string Name => "add";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dz)
    {
        if (a.RequiresGrad) Broadcast.AccumulateReduced(dz, a.GradBuffer());
        if (b.RequiresGrad) Broadcast.AccumulateReduced(dz, b.GradBuffer());
    }
}
