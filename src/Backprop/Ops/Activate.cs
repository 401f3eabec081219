using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>An elementwise activation: y = f(x);  dL/dx += dL/dy ⊙ f'(x, y). One node for every activation operator.</summary>
internal sealed class Activate<T, TOp>(Tensor<T> x, TOp op, string name) : Node<T>(x)
    where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T>
{
    public static Tensor<T> Apply(Tensor<T> x, TOp op, string name)
    {
        var y = new Tensor<T>(x.Shape);
        ActivationLoop.Forward(op, x.Span, y.Span, ComputeSettings.Current.MaxVectorBits);
        return GradMode.Needs(x) ? Record(y, new Activate<T, TOp>(x, op, name)) : y;
    }

    public override string Name => name;

    protected internal override void Backward(Tensor<T> output, Tensor<T> gradOutput)
    {
        var dx = new T[x.Length];
        ActivationLoop.Backward(op, x.Span, output.Span, gradOutput.Span, dx, ComputeSettings.Current.MaxVectorBits);
        Elementwise.AddInPlace(x.GradBuffer().Span, dx);
    }
}
