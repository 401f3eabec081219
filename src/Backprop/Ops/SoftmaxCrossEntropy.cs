using System.Numerics;
using Backprop.Autograd;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>
/// Fused softmax + cross-entropy over logits Z [N, C] and targets (class indices [N], or probabilities [N, C]):
/// L = (1/N) Σₙ Σ꜀ tₙ꜀ (logΣexp(zₙ) - zₙ꜀) (log-sum-exp, stable);  dL/dZ = (P - T) / N
/// </summary>
internal sealed class SoftmaxCrossEntropy<T>(Tensor<T> logits, T[] gradient) : Node<T>(logits)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> logits, Tensor<T> target)
    {
        if (logits.Rank != 2) throw new ArgumentException($"CrossEntropy needs logits [N, classes]; got {logits.Shape}.");
        int n = logits.Shape[0], c = logits.Shape[1];
        bool indices = Targets.CheckClassTargets(target, n, c, "CrossEntropy");
        var gradient = new T[logits.Length];
        var loss = Tensor<T>.Scalar(LossAndGradient(logits.Span, target.Span, indices, n, c, gradient));
        return GradMode.Needs(logits) ? Record(loss, new SoftmaxCrossEntropy<T>(logits, gradient)) : loss;
    }

    /// <summary>Returns L and writes dL/dZ = (P·Σt - T) / N (= (P - onehot) / N for class indices) into <paramref name="gradient"/>.</summary>
    internal static T LossAndGradient(ReadOnlySpan<T> logits, ReadOnlySpan<T> target, bool indices, int n, int c, Span<T> gradient)
    {
        T total = T.Zero, invN = T.One / T.CreateTruncating(n);
        for (int r = 0; r < n; r++)
        {
            var z = logits.Slice(r * c, c);
            var g = gradient.Slice(r * c, c);
            T max = TensorPrimitives.Max(z), sum = T.Zero;
            for (int i = 0; i < c; i++) { g[i] = T.Exp(z[i] - max); sum += g[i]; }
            T logSumExp = max + T.Log(sum), mass = T.One;
            TensorPrimitives.Multiply(g, T.One / sum, g); // g = p
            if (indices)
            {
                int label = int.CreateTruncating(target[r]);
                total += logSumExp - z[label];
                g[label] -= T.One;
            }
            else
            {
                var t = target.Slice(r * c, c);
                mass = TensorPrimitives.Sum(t);
                for (int i = 0; i < c; i++) { total += t[i] * (logSumExp - z[i]); g[i] = g[i] * mass - t[i]; }
            }
            TensorPrimitives.Multiply(g, invN, g);
        }
        return total * invN;
    }

    public override string Name => "softmax_cross_entropy";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dl)
        => Elementwise.AddScaledInPlace(logits.GradBuffer().Span, gradient, dl.Item);
}
