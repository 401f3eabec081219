using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>C = A·B for A [m, k], B [k, n];  dL/dA = dC·Bᵀ, dL/dB = Aᵀ·dC</summary>
internal sealed class MatMul<T>(Tensor<T> a, Tensor<T> b) : Node<T>(a, b) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> a, Tensor<T> b)
    {
        if (a.Rank != 2 || b.Rank != 2 || a.Shape[1] != b.Shape[0])
            throw new ArgumentException($"MatMul: {a.Shape} x {b.Shape}" +
                (a.Rank != 2 || b.Rank != 2 ? " (both must be matrices)." : $" (inner dimensions {a.Shape[1]} and {b.Shape[0]} differ)."));
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        var c = new Tensor<T>(new Shape(m, n));
        Gemm.Run(false, false, m, n, k, T.One, a.Span, b.Span, T.Zero, c.Span);
        return GradMode.Needs(a, b) ? Record(c, new MatMul<T>(a, b)) : c;
    }

    public override string Name => "matmul";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dc)
    {
        int m = a.Shape[0], k = a.Shape[1], n = b.Shape[1];
        if (a.RequiresGrad) Gemm.Run(false, true, m, k, n, T.One, dc.Span, b.Span, T.One, a.GradBuffer().Span);
        if (b.RequiresGrad) Gemm.Run(true, false, k, n, m, T.One, a.Span, dc.Span, T.One, b.GradBuffer().Span);
    }
}
