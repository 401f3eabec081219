using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused sigmoid + binary cross-entropy on logits, the mean over all M elements:
/// L = (1/M) Σ [max(z, 0) - z·y + log(1 + e^{-|z|})] (stable for large |z|);  dL/dz = (σ(z) - y) / M
/// </summary>
internal sealed class BceWithLogits<T>(Tensor<T> logits, Tensor<T> targets) : Node<T>(logits) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> logits, Tensor<T> target)
    {
        var y = Targets.SameShape(logits, target, "BinaryCrossEntropy");
        T sum = T.Zero;
        for (int i = 0; i < logits.Length; i++)
        {
            T z = logits.Span[i], t = y.Span[i];
            if (t < T.Zero || t > T.One)
                throw new ArgumentException($"BinaryCrossEntropy: target {double.CreateTruncating(t)} at element {i} is outside [0, 1].");
            sum += T.Max(z, T.Zero) - z * t + T.LogP1(T.Exp(-T.Abs(z)));
        }
        var loss = Tensor<T>.Scalar(sum / T.CreateTruncating(logits.Length));
        return GradMode.Needs(logits) ? Record(loss, new BceWithLogits<T>(logits, y)) : loss;
    }

    public override string Name => "bce_with_logits";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dl)
    {
        T scale = dl.Item / T.CreateTruncating(logits.Length);
        var dz = logits.GradBuffer().Span;
        for (int i = 0; i < dz.Length; i++)
            dz[i] += scale * (T.One / (T.One + T.Exp(-logits.Span[i])) - targets.Span[i]);
    }
}
