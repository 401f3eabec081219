using System.Numerics;
using Backprop.Ops;

namespace Backprop.Kernels;

/// <summary>
/// The dense layer's arithmetic on spans, shared by the autograd op and the fused training step.
/// X [n, in], W [in, out], b [out], Z and A [n, out].
/// </summary>
internal static class DenseKernel
{
    /// <summary>Z = X·W + b, then A = f(Z) (A may be Z itself when f is the identity).</summary>
    public static void Forward<T, TFn>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, TFn fn, Span<T> z, Span<T> a, int n, int inputs, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T> where TFn : IUnaryFn<T>
    {
        for (int r = 0; r < n; r++) b.CopyTo(z.Slice(r * outputs, outputs));
        Gemm.Run(false, false, n, outputs, inputs, T.One, x, w, T.One, z);
        if (typeof(TFn) != typeof(IdentityFn<T>) || !z.Overlaps(a)) fn.Forward(z[..(n * outputs)], a[..(n * outputs)]);
    }

    /// <summary>
    /// dZ = dA ⊙ f'(Z) (skipped when dZ is dA, for the identity), then — each only when its destination is not empty —
    /// dX = β·dX + dZ·Wᵀ, dW = β·dW + Xᵀ·dZ, db = β·db + Σ_rows dZ, with β = 1 to accumulate or 0 to overwrite.
    /// </summary>
    public static void Backward<T, TFn>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da, TFn fn,
        Span<T> dz, Span<T> dx, Span<T> dw, Span<T> db, bool accumulate, int n, int inputs, int outputs)
        where T : unmanaged, IFloatingPointIeee754<T> where TFn : IUnaryFn<T>
    {
        int len = n * outputs;
        if (!(typeof(TFn) == typeof(IdentityFn<T>) && dz.Overlaps(da))) fn.Backward(z[..len], a[..len], da[..len], dz[..len]);
        T beta = accumulate ? T.One : T.Zero;
        if (!dx.IsEmpty) Gemm.Run(false, true, n, inputs, outputs, T.One, dz, w, beta, dx);
        if (!dw.IsEmpty) Gemm.Run(true, false, inputs, outputs, n, T.One, x, dz, beta, dw);
        if (!db.IsEmpty)
        {
            if (!accumulate) db[..outputs].Clear();
            Rows.AccumulateColumnSums<T>(dz[..len], db, outputs);
        }
    }
}
