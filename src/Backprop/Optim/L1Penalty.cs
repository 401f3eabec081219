using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>An L1 penalty λ·Σ|w| on the given tensors, applied to their gradients: g += λ·sign(w) (0 at w = 0, as PyTorch's abs).</summary>
public static class L1Penalty
{
    /// <summary>Adds λ·sign(w) to each tensor's gradient (tensors without a gradient are skipped); vectorised, allocation-free.</summary>
    public static void AddGradient<T>(IReadOnlyList<Tensor<T>> weights, double lambda) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), $"L1 penalty: λ must be a number of at least 0; got {lambda}.");
        T l = T.CreateTruncating(lambda);
        for (int i = 0; i < weights.Count; i++)
            if (weights[i].Grad is { } g) Kernels.SignPenalty.AddScaledSign(g.Span, weights[i].Span, l);
    }
}
