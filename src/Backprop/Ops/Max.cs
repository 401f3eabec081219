using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>y = max x over all elements or along one axis;  dy/dx = 1 at the (first) maximum, 0 elsewhere</summary>
internal sealed class Max<T>(Tensor<T> x, int? axis, int[] where) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x, int? axis)
    {
        if (x.Length == 0) throw new InvalidOperationException("Max of an empty tensor.");
        int a = axis is int given ? x.Shape.NormalizeAxis(given) : 0;
        var (outer, n, inner) = axis is null ? (1, x.Length, 1) : x.Shape.AroundAxis(a);
        var y = new Tensor<T>(axis is null ? Shape.Scalar : x.Shape.Without(a));
        var where = new int[outer * inner];
        Reduce.MaxAxis<T>(x.Span, y.Span, where, outer, n, inner);
        return GradMode.Needs(x) ? Record(y, new Max<T>(x, axis is null ? null : a, where)) : y;
    }

    public override string Name => axis is null ? "max" : $"max(axis {axis})";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dy)
    {
        var (outer, n, inner) = axis is int a ? x.Shape.AroundAxis(a) : (1, x.Length, 1);
        var dx = x.GradBuffer().Span;
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
                dx[(o * n + where[o * inner + i]) * inner + i] += dy.Span[o * inner + i];
    }
}
