using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused dense layer: Z = X·W + b, A = f(Z), for X [N, in], W [in, out], b [out].
/// dZ = dA ⊙ f'(Z);  dW = Xᵀ·dZ;  db = Σ_rows dZ;  dX = dZ·Wᵀ
/// </summary>
internal sealed class Dense<T>(Tensor<T> x, Tensor<T> w, Tensor<T> b, IDenseKernel<T> kernel, string activation, Tensor<T> z) : Node<T>(x, w, b)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x, Tensor<T> w, Tensor<T> b, IDenseKernel<T> kernel, string activation)
    {
        Check(x, w, b);
        int n = x.Shape[0], inputs = w.Shape[0], outputs = w.Shape[1];
        var z = new Tensor<T>(new Shape(n, outputs));
        var a = kernel.IsIdentity ? new Tensor<T>(z.Shape, z.Data) : new Tensor<T>(z.Shape);
        kernel.Forward(x.Span, w.Span, b.Span, z.Span, a.Span, n, inputs, outputs);
        return GradMode.Needs(x) || GradMode.Needs(w, b) ? Record(a, new Dense<T>(x, w, b, kernel, activation, z)) : a;
    }

    /// <summary>Throws <c>Dense(784 -> 128) got input [32, 100]</c> before any kernel runs.</summary>
    internal static void Check(Tensor<T> x, Tensor<T> w, Tensor<T> b)
    {
        if (w.Rank != 2 || b.Rank != 1 || b.Shape[0] != w.Shape[1])
            throw new ArgumentException($"Dense: weight {w.Shape} and bias {b.Shape} do not fit (want [in, out] and [out]).");
        if (x.Rank != 2 || x.Shape[1] != w.Shape[0])
            throw new ArgumentException($"Dense({w.Shape[0]} -> {w.Shape[1]}) got input {x.Shape}; it needs [N, {w.Shape[0]}].");
    }

    public override string Name => $"dense+{activation}";

    /// <summary>The pre-activation Z cached by the forward pass.</summary>
    internal Tensor<T> Z => z;

    protected internal override void Backward(Tensor<T> a, Tensor<T> da)
    {
        int n = x.Shape[0], inputs = w.Shape[0], outputs = w.Shape[1];
        kernel.Backward(x.Span, w.Span, z.Span, a.Span, da.Span, new T[z.Length],
            x.RequiresGrad ? x.GradBuffer().Span : default,
            w.RequiresGrad ? w.GradBuffer().Span : default,
            b.RequiresGrad ? b.GradBuffer().Span : default,
            accumulate: true, n, inputs, outputs);
    }
}
