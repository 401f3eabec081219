using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Batch normalisation of X [N, F] per feature: y = γ·x̂ + β, x̂ = (x − μ)/√(σ² + ε), with the batch's μ and biased σ² (training)
/// or given running ones (evaluation). Backward (batch statistics): dx = γ·s·(dy − mean(dy) − x̂·mean(dy ⊙ x̂)), dγ = Σ dy ⊙ x̂, dβ = Σ dy.
/// </summary>
internal sealed class BatchNorm<T>(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, T[] xhat, T[] inverse, bool batchStatistics) : Node<T>(x, gamma, beta)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// y = γ·x̂ + β. With <paramref name="batchStatistics"/> the batch's mean and biased variance are written into
    /// <paramref name="mean"/> and <paramref name="variance"/>; otherwise they are read from them (the running statistics).
    /// </summary>
    public static Tensor<T> Apply(Tensor<T> x, Tensor<T> gamma, Tensor<T> beta, T eps, Span<T> mean, Span<T> variance, bool batchStatistics, string layer)
    {
        int features = gamma.Length;
        if (x.Rank != 2 || x.Shape[1] != features)
            throw new ArgumentException($"{layer} got input {x.Shape}; it needs [N, {features}].");
        int rows = x.Shape[0];
        if (batchStatistics && rows < 2)
            throw new ArgumentException($"{layer} needs at least 2 rows per batch in training mode to compute a variance; got {x.Shape}.");
        var xhat = new T[x.Length];
        var inverse = new T[features];
        var y = new Tensor<T>(x.Shape);
        if (batchStatistics) BatchNormKernel.Statistics<T>(x.Span, rows, features, mean, variance, xhat);
        BatchNormKernel.InverseStd<T>(variance, eps, inverse);
        BatchNormKernel.Normalise<T>(x.Span, rows, features, mean, inverse, gamma.Span, beta.Span, xhat, y.Span, centred: batchStatistics);
        return GradMode.Needs(x) || GradMode.Needs(gamma, beta) ? Record(y, new BatchNorm<T>(x, gamma, beta, xhat, inverse, batchStatistics)) : y;
    }

    public override string Name => "batch_norm";

    protected internal override void Backward(Tensor<T> y, Tensor<T> dy)
    {
        int features = gamma.Length, rows = x.Shape[0];
        var dgamma = new T[features];
        var dbeta = new T[features];
        var dx = x.RequiresGrad ? new T[x.Length] : [];
        BatchNormKernel.Backward<T>(xhat, dy.Span, rows, features, inverse, gamma.Span, dgamma, dbeta, dx, batchStatistics);
        if (x.RequiresGrad) AccumulateGrad(x, dx);
        AccumulateGrad(gamma, dgamma);
        AccumulateGrad(beta, dbeta);
    }
}
