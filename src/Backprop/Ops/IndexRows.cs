using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Y[r] = X[index[r]] (rows along the first axis);  dL/dX[index[r]] += dL/dY[r]</summary>
internal sealed class IndexRows<T>(Tensor<T> x, int[] index) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x, int[] index)
    {
        if (x.Rank == 0) throw new ArgumentException("Rows: a scalar has no rows.");
        var dims = x.Shape.ToArray();
        int rows = dims[0], width = x.Length / Math.Max(rows, 1);
        dims[0] = index.Length;
        var y = new Tensor<T>(new Shape(dims));
        for (int r = 0; r < index.Length; r++)
        {
            if ((uint)index[r] >= (uint)rows) throw new IndexOutOfRangeException($"Rows: index {index[r]} is out of range for {rows} rows of {x.Shape}.");
            x.Span.Slice(index[r] * width, width).CopyTo(y.Span.Slice(r * width, width));
        }
        return GradMode.Needs(x) ? Record(y, new IndexRows<T>(x, (int[])index.Clone())) : y;
    }

    public override string Name => "rows";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dy)
    {
        int width = index.Length == 0 ? 0 : dy.Length / index.Length;
        var dx = x.GradBuffer().Span;
        for (int r = 0; r < index.Length; r++)
            Kernels.Elementwise.AddInPlace(dx.Slice(index[r] * width, width), dy.Span.Slice(r * width, width));
    }
}
