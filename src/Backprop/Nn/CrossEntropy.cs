using Backprop.Registration;
using System.Numerics;
using System.Runtime.CompilerServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Nn;

/// <summary>
/// Softmax then negative log-likelihood, averaged over the batch, on logits Z [N, C] and class indices [N] (or one-hot /
/// probability targets T [N, C]): L = (1/N) Σₙ Σ꜀ tₙ꜀ (logΣexp(zₙ) - zₙ꜀), log-sum-exp stable;  dL/dZ = (P·Σt - T) / N = (P - onehot) / N.
/// </summary>
public sealed class CrossEntropy : Loss
{
    /// <summary>The registry entry: <c>softmax_ce</c>.</summary>
    public static IRegistryEntry<Loss> Entry { get; } = new RegistryEntry<Loss, NoOptions>("softmax_ce", NoOptions.Value, _ => new CrossEntropy(), "softmax then negative log-likelihood, on logits and class indices", ["ce", "cross_entropy", "crossentropy"]);

    /// <inheritdoc/>
    public override string Name => "softmax_ce";

    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.Classification;

    /// <inheritdoc/>
    public override string DeltaFormula => "(p - y)/N";

    /// <summary>Softmax over each row, as <see cref="ToPredictions{T}"/> (ONNX <c>Softmax</c>).</summary>
    public override Activation OutputActivation => Activation.Softmax;

    /// <summary>δ = (softmax(z) − onehot(y))/N.</summary>
    public override OutputDelta? Delta => new(1, OverOutputs: false);

    /// <inheritdoc/>
    public override double DecisionThreshold => 0;

    /// <summary>Class probabilities: softmax of each row of logits.</summary>
    public override void ToPredictions<T>(Span<T> output, int outputs) => Kernels.Rows.Softmax<T>(output, output, outputs);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
    {
        bool indices = target.Length == rows && outputs > 1, withGradient = !gradient.IsEmpty; // one class: both kinds give L = 0, dL/dZ = 0
        T total = T.Zero, invN = T.One / T.CreateTruncating(rows);
        for (int r = 0; r < rows; r++)
        {
            // Scalar loops over the short rows (a call per row costs more than the row); the same operations in the same order.
            var z = output.Slice(r * outputs, outputs);
            var g = withGradient ? gradient.Slice(r * outputs, outputs) : default;
            T max = z[0], sum = T.Zero;
            for (int i = 1; i < outputs; i++) max = T.Max(max, z[i]);
            for (int i = 0; i < outputs; i++)
            {
                T e = T.Exp(z[i] - max);
                sum += e;
                if (withGradient) g[i] = e;
            }
            T logSumExp = max + T.Log(sum), invSum = T.One / sum;
            if (indices)
            {
                int label = int.CreateTruncating(target[r]);
                total += logSumExp - z[label];
                if (withGradient)
                    for (int i = 0; i < outputs; i++) g[i] = (i == label ? g[i] * invSum - T.One : g[i] * invSum) * invN; // (p - onehot) / N
            }
            else
            {
                var t = target.Slice(r * outputs, outputs);
                T mass = TensorPrimitives.Sum(t);
                for (int i = 0; i < outputs; i++)
                {
                    total += t[i] * (logSumExp - z[i]);
                    if (withGradient) g[i] = (g[i] * invSum * mass - t[i]) * invN; // (p·Σt - t) / N
                }
            }
        }
        return total * invN;
    }
}
