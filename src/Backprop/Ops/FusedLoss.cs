using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Any loss as one node: L = loss(O, Y), its gradient G = dL/dO computed in the forward pass only when a gradient is needed;
/// dL/dO += G · dL
/// </summary>
internal sealed class FusedLoss<T>(Tensor<T> output, T[] gradient, string name) : Node<T>(output) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The scalar loss of <paramref name="output"/> [rows, outputs] against targets already checked to fit it.</summary>
    public static Tensor<T> Apply(IFusedLoss loss, Tensor<T> output, Tensor<T> target, int rows, int outputs)
    {
        if (!GradMode.Needs(output)) return Tensor<T>.Scalar(loss.ValueAndGradient(output.Span, target.Span, rows, outputs, default));
        var gradient = new T[output.Length];
        var value = Tensor<T>.Scalar(loss.ValueAndGradient(output.Span, target.Span, rows, outputs, gradient));
        return Record(value, new FusedLoss<T>(output, gradient, loss.Name));
    }

    public override string Name => name;

    protected internal override void Backward(Tensor<T> l, Tensor<T> dl)
        => Elementwise.AddScaledInPlace(output.GradBuffer().Span, gradient, dl.Item);
}
