using System.Numerics;
using Backprop.Autograd;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused scaled squared error: L = s·Σ (o - y)², with s = 1/(2N) for ½Σ(O - Y)² averaged over the batch,
/// or s = 1/M for the mean over all M elements;  dL/do = 2s·(o - y)
/// </summary>
internal sealed class SquaredError<T>(Tensor<T> output, T[] gradient) : Node<T>(output) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> output, Tensor<T> target, T scale, string loss)
    {
        Targets.CheckSameShape(output, target, loss);
        var gradient = new T[output.Length];
        var l = Tensor<T>.Scalar(LossAndGradient(output.Span, target.Span, scale, gradient));
        return GradMode.Needs(output) ? Record(l, new SquaredError<T>(output, gradient)) : l;
    }

    /// <summary>Returns L = s·Σ(o - y)² and writes dL/do = 2s·(o - y) into <paramref name="gradient"/>.</summary>
    internal static T LossAndGradient(ReadOnlySpan<T> output, ReadOnlySpan<T> target, T scale, Span<T> gradient)
    {
        var diff = gradient[..output.Length];
        TensorPrimitives.Subtract(output, target, diff);
        T loss = scale * TensorPrimitives.SumOfSquares<T>(diff);
        TensorPrimitives.Multiply(diff, scale + scale, diff);
        return loss;
    }

    public override string Name => "squared_error";

    protected internal override void Backward(Tensor<T> l, Tensor<T> dl)
        => Elementwise.AddScaledInPlace(output.GradBuffer().Span, gradient, dl.Item);
}
