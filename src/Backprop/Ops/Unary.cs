using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Applies an elementwise function and records it for backward.</summary>
internal static class Unary
{
    public static Tensor<T> Apply<T, TFn>(Tensor<T> x, TFn fn) where T : unmanaged, IFloatingPointIeee754<T> where TFn : IUnaryFn<T>
    {
        var y = new Tensor<T>(x.Shape);
        fn.Forward(x.Span, y.Span);
        return GradMode.Needs(x) ? Node<T>.Record(y, new UnaryNode<T, TFn>(x, fn)) : y;
    }
}

/// <summary>The node of an elementwise function: dL/dx += dL/dy ⊙ f'(x).</summary>
internal sealed class UnaryNode<T, TFn>(Tensor<T> x, TFn fn) : Node<T>(x)
    where T : unmanaged, IFloatingPointIeee754<T> where TFn : IUnaryFn<T>
{
    public override string Name => fn.Name;

    protected internal override void Backward(Tensor<T> output, Tensor<T> gradOutput)
    {
        var dx = new T[x.Length];
        fn.Backward(x.Span, output.Span, gradOutput.Span, dx);
        Elementwise.AddInPlace(x.GradBuffer().Span, dx);
    }
}
