using Backprop.Registration;
using System.Numerics;

namespace Backprop.Nn;

/// <summary>
/// Binary cross-entropy on logits (PyTorch's BCEWithLogitsLoss), the mean over all M elements:
/// L = (1/M) Σ [max(z, 0) - z·y + log(1 + e^{-|z|})], stable for large |z|;  dL/dz = (σ(z) - y) / M — for one output, (ŷ - y) / N.
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <summary>The registry entry: <c>bce_logits</c>.</summary>
    public static IRegistryEntry<Loss> Entry { get; } = new RegistryEntry<Loss, NoOptions>("bce_logits", NoOptions.Value, _ => new BinaryCrossEntropy(), "binary cross-entropy on logits (one output for two classes)", ["bce", "binary_cross_entropy"]);

    /// <inheritdoc/>
    public override string Name => "bce_logits";

    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.Binary;

    /// <inheritdoc/>
    public override string DeltaFormula => "(σ(z) - y)/M";

    /// <inheritdoc/>
    public override int? FixedClasses => 2;

    /// <summary>One output (the logit of class 1) for two classes, else one per class.</summary>
    public override int OutputsFor(int k) => k == 2 ? 1 : k;

    /// <summary>σ, as <see cref="ToPredictions{T}"/> (ONNX <c>Sigmoid</c>).</summary>
    public override Activation OutputActivation => Activation.Sigmoid;

    /// <summary>δ = (σ(z) − y)/(N·M).</summary>
    public override OutputDelta? Delta => new(1, OverOutputs: true);

    /// <inheritdoc/>
    public override double DecisionThreshold => 0;

    /// <summary>Probabilities: σ of the logits.</summary>
    public override void ToPredictions<T>(Span<T> output, int outputs) => System.Numerics.Tensors.TensorPrimitives.Sigmoid<T>(output, output);

    /// <inheritdoc/>
    public override T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
    {
        T sum = T.Zero, invM = T.One / T.CreateTruncating(output.Length);
        for (int i = 0; i < output.Length; i++)
        {
            T z = output[i], y = target[i], e = T.Exp(-T.Abs(z));
            sum += T.Max(z, T.Zero) - z * y + T.LogP1(e);
            if (gradient.IsEmpty) continue;
            T sigmoid = z >= T.Zero ? T.One / (T.One + e) : e / (T.One + e);
            gradient[i] = (sigmoid - y) * invM;
        }
        return sum * invM;
    }
}
