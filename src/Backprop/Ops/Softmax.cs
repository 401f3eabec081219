using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>pᵢ = e^{xᵢ} / Σⱼ e^{xⱼ} over the last axis;  dL/dxᵢ = pᵢ (dL/dpᵢ - Σⱼ pⱼ dL/dpⱼ)</summary>
internal sealed class Softmax<T>(Tensor<T> x) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x)
    {
        if (x.Rank == 0 || x.Shape[-1] == 0) throw new ArgumentException(x.Rank == 0 ? "Softmax needs at least one axis; got a scalar." : $"Softmax needs a non-empty last axis; got {x.Shape}.");
        var p = new Tensor<T>(x.Shape);
        Rows.Softmax<T>(x.Span, p.Span, x.Shape[-1]);
        return GradMode.Needs(x) ? Record(p, new Softmax<T>(x)) : p;
    }

    public override string Name => "softmax";

    protected internal override void Backward(Tensor<T> p, Tensor<T> dp) =>
        Rows.SoftmaxBackward<T>(p.Span, dp.Span, x.GradBuffer().Span, x.Shape[-1], accumulate: true);
}
