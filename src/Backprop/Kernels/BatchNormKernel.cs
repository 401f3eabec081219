using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>
/// Batch normalisation of rows X [N, F], per feature j: x̂ = (x − μ_j)·s_j with s_j = 1/√(σ²_j + ε), y = γ_j·x̂ + β_j.
/// Every loop runs along a row (vectorised over the features); nothing is allocated.
/// </summary>
internal static class BatchNormKernel
{
    /// <summary>The batch's mean μ and biased variance σ² = (1/N)·Σ(x − μ)² per feature; <paramref name="xhat"/> receives x − μ.</summary>
    public static void Statistics<T>(ReadOnlySpan<T> x, int rows, int features, Span<T> mean, Span<T> variance, Span<T> xhat)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        mean.Clear(); variance.Clear();
        for (int i = 0; i < rows; i++) TensorPrimitives.Add(mean, x.Slice(i * features, features), mean);
        TensorPrimitives.Multiply(mean, T.One / T.CreateTruncating(rows), mean);
        for (int i = 0; i < rows; i++)
        {
            var d = xhat.Slice(i * features, features);
            TensorPrimitives.Subtract(x.Slice(i * features, features), mean, d);
            TensorPrimitives.FusedMultiplyAdd(d, d, variance, variance);
        }
        TensorPrimitives.Multiply(variance, T.One / T.CreateTruncating(rows), variance);
    }

    /// <summary>s = 1/√(σ² + ε).</summary>
    public static void InverseStd<T>(ReadOnlySpan<T> variance, T eps, Span<T> inverse) where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Add(variance, eps, inverse);
        TensorPrimitives.ReciprocalSqrt(inverse, inverse);
    }

    /// <summary>x̂ = (x − μ)·s (x − μ is already in <paramref name="xhat"/> when <paramref name="centred"/>), y = γ·x̂ + β.</summary>
    public static void Normalise<T>(ReadOnlySpan<T> x, int rows, int features, ReadOnlySpan<T> mean, ReadOnlySpan<T> inverse,
        ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta, Span<T> xhat, Span<T> y, bool centred) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < rows; i++)
        {
            var h = xhat.Slice(i * features, features);
            if (!centred) TensorPrimitives.Subtract(x.Slice(i * features, features), mean, h);
            TensorPrimitives.Multiply(h, inverse, h);
            TensorPrimitives.FusedMultiplyAdd(h, gamma, beta, y.Slice(i * features, features));
        }
    }

    /// <summary>Running statistics: r_μ ← (1 − m)·r_μ + m·μ, r_σ² ← (1 − m)·r_σ² + m·σ²·N/(N − 1) (the unbiased variance, as PyTorch).</summary>
    public static void UpdateRunning<T>(ReadOnlySpan<T> mean, ReadOnlySpan<T> variance, int rows, T momentum, Span<T> runningMean, Span<T> runningVariance)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T keep = T.One - momentum;
        TensorPrimitives.Multiply(runningMean, keep, runningMean);
        TensorPrimitives.FusedMultiplyAdd(mean, momentum, runningMean, runningMean);
        TensorPrimitives.Multiply(runningVariance, keep, runningVariance);
        T unbiased = momentum * T.CreateTruncating(rows) / T.CreateTruncating(rows - 1);
        TensorPrimitives.FusedMultiplyAdd(variance, unbiased, runningVariance, runningVariance);
    }

    /// <summary>
    /// dβ = Σ_rows dy, dγ = Σ_rows dy ⊙ x̂ (overwritten); unless <paramref name="dx"/> is empty, dX: with batch statistics
    /// (<paramref name="batchStatistics"/>) dx = γ·s·(dy − dβ/N − x̂·dγ/N), with fixed (running) statistics dx = γ·s·dy.
    /// </summary>
    public static void Backward<T>(ReadOnlySpan<T> xhat, ReadOnlySpan<T> dy, int rows, int features, ReadOnlySpan<T> inverse, ReadOnlySpan<T> gamma,
        Span<T> dgamma, Span<T> dbeta, Span<T> dx, bool batchStatistics) where T : unmanaged, IFloatingPointIeee754<T>
    {
        dgamma.Clear(); dbeta.Clear();
        for (int i = 0; i < rows; i++)
        {
            var g = dy.Slice(i * features, features);
            TensorPrimitives.Add(dbeta, g, dbeta);
            TensorPrimitives.FusedMultiplyAdd(g, xhat.Slice(i * features, features), dgamma, dgamma);
        }
        if (dx.IsEmpty) return;
        T perRow = T.One / T.CreateTruncating(rows);
        for (int i = 0; i < rows; i++)
        {
            var d = dx.Slice(i * features, features);
            var g = dy.Slice(i * features, features);
            if (batchStatistics)
            {
                TensorPrimitives.Multiply(xhat.Slice(i * features, features), dgamma, d);     // x̂·dγ
                TensorPrimitives.Add(d, dbeta, d);                                           // + dβ
                TensorPrimitives.FusedMultiplyAdd(d, -perRow, g, d);                         // dy − (x̂·dγ + dβ)/N
                TensorPrimitives.Multiply(d, gamma, d);
            }
            else TensorPrimitives.Multiply(g, gamma, d);
            TensorPrimitives.Multiply(d, inverse, d);
        }
    }
}
