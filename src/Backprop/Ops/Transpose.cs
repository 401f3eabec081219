using System.Numerics;
using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Y = Xᵀ for a matrix, Y[j, i] = X[i, j];  dL/dX = (dL/dY)ᵀ</summary>
internal sealed class Transpose<T>(Tensor<T> x) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x)
    {
        if (x.Rank != 2) throw new ArgumentException($"Transpose needs a matrix; got {x.Shape}.");
        var y = new Tensor<T>(new Shape(x.Shape[1], x.Shape[0]));
        Swap(x.Span, y.Span, x.Shape[0], x.Shape[1], accumulate: false);
        return GradMode.Needs(x) ? Record(y, new Transpose<T>(x)) : y;
    }

    public override string Name => "transpose";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dy)
        => Swap(dy.Span, x.GradBuffer().Span, x.Shape[1], x.Shape[0], accumulate: true);

    // to[j, i] (+)= from[i, j] for from [rows, cols]
    private static void Swap(ReadOnlySpan<T> from, Span<T> to, int rows, int cols, bool accumulate)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                to[j * rows + i] = accumulate ? to[j * rows + i] + from[i * cols + j] : from[i * cols + j];
    }
}
