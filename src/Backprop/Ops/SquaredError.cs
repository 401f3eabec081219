using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused scaled squared error: L = s·Σ (o - y)², with s = 1/(2N) for ½Σ(O - Y)² averaged over the batch,
/// or s = 1/M for the mean over all M elements;  dL/do = 2s·(o - y)
/// </summary>
internal sealed class SquaredError<T>(Tensor<T> output, Tensor<T> diff, T scale) : Node<T>(output) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> output, Tensor<T> target, T scale, string loss)
    {
        var y = Targets.SameShape(output, target, loss);
        var diff = new Tensor<T>(output.Shape);
        TensorPrimitives.Subtract(output.Span, y.Span, diff.Span);
        var l = Tensor<T>.Scalar(scale * TensorPrimitives.SumOfSquares<T>(diff.Span));
        return GradMode.Needs(output) ? Record(l, new SquaredError<T>(output, diff, scale)) : l;
    }

    public override string Name => "squared_error";

    protected internal override void Backward(Tensor<T> l, Tensor<T> dl)
        => Elementwise.AddScaledInPlace(output.GradBuffer().Span, diff.Span, (scale + scale) * dl.Item);
}
