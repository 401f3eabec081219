using System.Numerics;
using Backprop.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Optim;

/// <summary>Gradient clipping as PyTorch's <c>torch.nn.utils.clip_grad_norm_</c> and <c>clip_grad_value_</c>; vectorised, allocation-free.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Global-norm clipping: total = √(Σ over every parameter's gradient of g²); when total &gt; <paramref name="maxNorm"/> every
    /// gradient is scaled by maxNorm/(total + 1e-6). Returns the total norm before clipping. Parameters without a gradient are skipped.
    /// </summary>
    public static double ClipNorm<T>(IReadOnlyList<Tensor<T>> parameters, double maxNorm) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), $"Gradient clipping: the maximum norm must be positive; got {maxNorm}.");
        double squares = 0;
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Grad is { } g) squares += double.CreateTruncating(TensorPrimitives.SumOfSquares<T>(g.Span));
        double total = Math.Sqrt(squares), coefficient = maxNorm / (total + 1e-6);
        if (coefficient < 1)
            for (int i = 0; i < parameters.Count; i++)
                if (parameters[i].Grad is { } g) TensorPrimitives.Multiply(g.Span, T.CreateTruncating(coefficient), g.Span);
        return total;
    }

    /// <summary>Value clipping: every gradient value is clamped to [−<paramref name="clipValue"/>, <paramref name="clipValue"/>].</summary>
    public static void ClipValue<T>(IReadOnlyList<Tensor<T>> parameters, double clipValue) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(clipValue > 0)) throw new ArgumentOutOfRangeException(nameof(clipValue), $"Gradient clipping: the clip value must be positive; got {clipValue}.");
        T high = T.CreateTruncating(clipValue);
        for (int i = 0; i < parameters.Count; i++)
            if (parameters[i].Grad is { } g)
            {
                TensorPrimitives.Min(g.Span, high, g.Span);
                TensorPrimitives.Max(g.Span, -high, g.Span);
            }
    }
}
