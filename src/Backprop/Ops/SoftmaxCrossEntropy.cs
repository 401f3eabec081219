using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused softmax + cross-entropy over logits Z [N, C] and targets (class indices [N], or probabilities [N, C]):
/// L = -(1/N) Σₙ Σ꜀ tₙ꜀ log softmax(zₙ)꜀ (log-sum-exp, stable);  dL/dZ = (P - T) / N
/// </summary>
internal sealed class SoftmaxCrossEntropy<T>(Tensor<T> logits, Tensor<T> probabilities, Tensor<T> targets) : Node<T>(logits)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> logits, Tensor<T> target)
    {
        if (logits.Rank != 2) throw new ArgumentException($"CrossEntropy needs logits [N, classes]; got {logits.Shape}.");
        int n = logits.Shape[0], c = logits.Shape[1];
        var targets = Targets.AsProbabilities(target, n, c, "CrossEntropy");
        var logp = new T[logits.Length];
        Rows.LogSoftmax<T>(logits.Span, logp, c);
        T loss = -TensorPrimitives.Dot<T>(logp, targets.Span) / T.CreateTruncating(n);
        var y = Tensor<T>.Scalar(loss);
        if (!GradMode.Needs(logits)) return y;
        var p = new Tensor<T>(logits.Shape);
        TensorPrimitives.Exp(logp, p.Span);
        return Record(y, new SoftmaxCrossEntropy<T>(logits, p, targets));
    }

    public override string Name => "softmax_cross_entropy";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dl)
    {
        int n = logits.Shape[0];
        var d = new T[logits.Length];
        TensorPrimitives.Subtract(probabilities.Span, targets.Span, d);
        Elementwise.AddScaledInPlace(logits.GradBuffer().Span, d, dl.Item / T.CreateTruncating(n));
    }
}
