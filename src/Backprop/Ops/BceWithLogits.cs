using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused sigmoid + binary cross-entropy on logits, the mean over all M elements:
/// L = (1/M) Σ [max(z, 0) - z·y + log(1 + e^{-|z|})] (stable for large |z|);  dL/dz = (σ(z) - y) / M
/// </summary>
internal sealed class BceWithLogits<T>(Tensor<T> logits, T[] gradient) : Node<T>(logits) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> logits, Tensor<T> target)
    {
        Targets.CheckSameShape(logits, target, "BinaryCrossEntropy");
        CheckProbabilities(target.Span);
        var gradient = new T[logits.Length];
        var loss = Tensor<T>.Scalar(LossAndGradient(logits.Span, target.Span, gradient));
        return GradMode.Needs(logits) ? Record(loss, new BceWithLogits<T>(logits, gradient)) : loss;
    }

    /// <summary>Targets must lie in [0, 1].</summary>
    internal static void CheckProbabilities(ReadOnlySpan<T> target)
    {
        for (int i = 0; i < target.Length; i++)
            if (!(target[i] >= T.Zero && target[i] <= T.One))
                throw new ArgumentException($"BinaryCrossEntropy: target {double.CreateTruncating(target[i])} at element {i} is outside [0, 1].");
    }

    /// <summary>Returns L and writes dL/dz = (σ(z) - y) / M into <paramref name="gradient"/>.</summary>
    internal static T LossAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, Span<T> gradient)
    {
        T sum = T.Zero, invM = T.One / T.CreateTruncating(logits.Length);
        for (int i = 0; i < logits.Length; i++)
        {
            T z = logits[i], y = target[i], e = T.Exp(-T.Abs(z));
            sum += T.Max(z, T.Zero) - z * y + T.LogP1(e);
            T sigmoid = z >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
            gradient[i] = (sigmoid - y) * invM;
        }
        return sum * invM;
    }

    public override string Name => "bce_with_logits";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dl)
        => Elementwise.AddScaledInPlace(logits.GradBuffer().Span, gradient, dl.Item);
}
