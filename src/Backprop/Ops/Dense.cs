using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused dense layer: Z = X·W + b, A = f(Z), for X [N, in], W [in, out], b [out].
/// dZ = dA ⊙ f'(Z);  dW = Xᵀ·dZ;  db = Σ_rows dZ;  dX = dZ·Wᵀ
/// </summary>
internal sealed class Dense<T, TFn>(Tensor<T> x, Tensor<T> w, Tensor<T> b, TFn fn, Tensor<T> z) : Node<T>(x, w, b)
    where T : unmanaged, IFloatingPointIeee754<T> where TFn : IUnaryFn<T>
{
    public static Tensor<T> Apply(Tensor<T> x, Tensor<T> w, Tensor<T> b, TFn fn)
    {
        Check(x, w, b);
        int n = x.Shape[0], inputs = w.Shape[0], outputs = w.Shape[1];
        var z = new Tensor<T>(new Shape(n, outputs));
        for (int r = 0; r < n; r++) b.Span.CopyTo(z.Span.Slice(r * outputs, outputs));
        Gemm.Run(false, false, n, outputs, inputs, T.One, x.Span, w.Span, T.One, z.Span);
        var a = new Tensor<T>(z.Shape);
        fn.Forward(z.Span, a.Span);
        return GradMode.Needs(x) || GradMode.Needs(w, b) ? Record(a, new Dense<T, TFn>(x, w, b, fn, z)) : a;
    }

    /// <summary>Throws <c>Dense(784 -> 128) got input [32, 100]</c> before any kernel runs.</summary>
    internal static void Check(Tensor<T> x, Tensor<T> w, Tensor<T> b)
    {
        if (w.Rank != 2 || b.Rank != 1 || b.Shape[0] != w.Shape[1])
            throw new ArgumentException($"Dense: weight {w.Shape} and bias {b.Shape} do not fit (want [in, out] and [out]).");
        if (x.Rank != 2 || x.Shape[1] != w.Shape[0])
            throw new ArgumentException($"Dense({w.Shape[0]} -> {w.Shape[1]}) got input {x.Shape}; it needs [N, {w.Shape[0]}].");
    }

    public override string Name => $"dense+{fn.Name}";

    /// <summary>The pre-activation Z cached by the forward pass.</summary>
    internal Tensor<T> Z => z;

    protected internal override void Backward(Tensor<T> a, Tensor<T> da)
    {
        int n = x.Shape[0], inputs = w.Shape[0], outputs = w.Shape[1];
        var dz = new T[z.Length];
        fn.Backward(z.Span, a.Span, da.Span, dz);
        if (w.RequiresGrad) Gemm.Run(true, false, inputs, outputs, n, T.One, x.Span, dz, T.One, w.GradBuffer().Span);
        if (b.RequiresGrad) Rows.AccumulateColumnSums<T>(dz, b.GradBuffer().Span, outputs);
        if (x.RequiresGrad) Gemm.Run(false, true, n, inputs, outputs, T.One, dz, w.Span, T.One, x.GradBuffer().Span);
    }
}
