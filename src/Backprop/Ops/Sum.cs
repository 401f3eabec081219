using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>y = Σ x over all elements or along one axis;  dy/dx = 1 (the gradient is copied back to every summand)</summary>
internal sealed class Sum<T>(Tensor<T> x, int? axis) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x, int? axis)
    {
        Tensor<T> y;
        if (axis is null) y = Tensor<T>.Scalar(Reduce.Sum<T>(x.Span));
        else
        {
            int a = x.Shape.NormalizeAxis(axis.Value);
            var (outer, n, inner) = x.Shape.AroundAxis(a);
            y = new Tensor<T>(x.Shape.Without(a));
            Reduce.SumAxis<T>(x.Span, y.Span, outer, n, inner);
            axis = a;
        }
        return GradMode.Needs(x) ? Record(y, new Sum<T>(x, axis)) : y;
    }

    public override string Name => axis is null ? "sum" : $"sum(axis {axis})";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dy)
    {
        var (outer, n, inner) = axis is int a ? x.Shape.AroundAxis(a) : (1, x.Length, 1);
        Reduce.AccumulateSpread<T>(dy.Span, x.GradBuffer().Span, outer, n, inner, T.One);
    }
}
