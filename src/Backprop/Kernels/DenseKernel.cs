using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>
/// The dense layer's arithmetic for one activation, on spans, shared by the autograd op and the fused training step.
/// X [n, in], W [in, out], b [out], Z and A [n, out].
/// </summary>
internal interface IDenseKernel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True when A = Z (no activation), so A may share Z's memory and dZ may share dA's.</summary>
    bool IsIdentity { get; }

    /// <summary>Z = X·W + b, then A = f(Z).</summary>
    void Forward(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> z, Span<T> a, int n, int inputs, int outputs);

    /// <summary>A = f(Z) for Z already computed (the tail of <see cref="Forward"/>).</summary>
    void Activate(Span<T> z, Span<T> a, int n, int outputs);

    /// <summary>
    /// dZ = dA ⊙ f'(Z), then — each only when its destination is not empty — dX = β·dX + dZ·Wᵀ, dW = β·dW + Xᵀ·dZ,
    /// db = β·db + Σ_rows dZ, with β = 1 to accumulate or 0 to overwrite.
    /// </summary>
    void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da,
        Span<T> dz, Span<T> dx, Span<T> dw, Span<T> db, bool accumulate, int n, int inputs, int outputs);
}

/// <summary>The dense kernel specialised for the activation operator <typeparamref name="TOp"/> (no virtual call per element).</summary>
internal sealed class DenseKernel<T, TOp>(TOp op) : IDenseKernel<T> where T : unmanaged, IFloatingPointIeee754<T> where TOp : IActivationOperator<T>
{
    public bool IsIdentity => TOp.IsIdentity;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, Span<T> z, Span<T> a, int n, int inputs, int outputs)
    {
        for (int r = 0; r < n; r++) b.CopyTo(z.Slice(r * outputs, outputs));
        Gemm.Run(false, false, n, outputs, inputs, T.One, x, w, T.One, z);
        Activate(z, a, n, outputs);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Activate(Span<T> z, Span<T> a, int n, int outputs)
    {
        int len = n * outputs;
        if (!TOp.IsIdentity) ActivationLoop.Forward(op, z[..len], a[..len], ComputeSettings.Current.MaxVectorBits);
        else if (!z.Overlaps(a)) z[..len].CopyTo(a);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> z, ReadOnlySpan<T> a, ReadOnlySpan<T> da,
        Span<T> dz, Span<T> dx, Span<T> dw, Span<T> db, bool accumulate, int n, int inputs, int outputs)
    {
        int len = n * outputs;
        if (!TOp.IsIdentity) ActivationLoop.Backward(op, z[..len], a[..len], da[..len], dz[..len], ComputeSettings.Current.MaxVectorBits);
        else if (!dz.Overlaps(da)) da[..len].CopyTo(dz);
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
