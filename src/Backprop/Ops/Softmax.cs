using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
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

    protected internal override void Backward(Tensor<T> p, Tensor<T> dp)
    {
        int cols = x.Shape[-1];
        var dx = x.GradBuffer().Span;
        var tmp = new T[cols];
        for (int r = 0; r < x.Length / cols; r++)
        {
            var pr = p.Span.Slice(r * cols, cols);
            var dpr = dp.Span.Slice(r * cols, cols);
            T dot = TensorPrimitives.Dot<T>(pr, dpr);
            TensorPrimitives.Subtract(dpr, dot, tmp);
            TensorPrimitives.Multiply(tmp, pr, tmp);
            Elementwise.AddInPlace(dx.Slice(r * cols, cols), tmp);
        }
    }
}
