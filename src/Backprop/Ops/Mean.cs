using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>y = (1/n) Σ x over all n elements or the n along one axis;  dy/dx = 1/n</summary>
internal sealed class Mean<T>(Tensor<T> x, int? axis) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x, int? axis)
    {
        Tensor<T> y;
        if (axis is null)
        {
            if (x.Length == 0) throw new InvalidOperationException("Mean of an empty tensor.");
            y = Tensor<T>.Scalar(Reduce.Sum<T>(x.Span) / T.CreateTruncating(x.Length));
        }
        else
        {
            int a = x.Shape.NormalizeAxis(axis.Value);
            var (outer, n, inner) = x.Shape.AroundAxis(a);
            y = new Tensor<T>(x.Shape.Without(a));
            Reduce.SumAxis<T>(x.Span, y.Span, outer, n, inner);
            TensorPrimitives.Divide(y.Span, T.CreateTruncating(n), y.Span);
            axis = a;
        }
        return GradMode.Needs(x) ? Record(y, new Mean<T>(x, axis)) : y;
    }

    public override string Name => axis is null ? "mean" : $"mean(axis {axis})";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dy)
    {
        var (outer, n, inner) = axis is int a ? x.Shape.AroundAxis(a) : (1, x.Length, 1);
        Reduce.AccumulateSpread<T>(dy.Span, x.GradBuffer().Span, outer, n, inner, T.One / T.CreateTruncating(n));
    }
}
