using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Binary cross-entropy on logits (PyTorch's BCEWithLogitsLoss), the mean over all elements:
/// L = -mean[y log σ(z) + (1 - y) log(1 - σ(z))], computed stably;  dL/dz = (σ(z) - y) / M — for one output, (ŷ - y) / N.
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target) => BceWithLogits<T>.Apply(output, target);

    /// <summary>Probabilities: σ of the logits.</summary>
    public override Tensor<T> Predict<T>(Tensor<T> output) => output.Sigmoid();

    internal override T LossAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int n, int outputs, Span<T> gradient)
        => BceWithLogits<T>.LossAndGradient(output, target, gradient);

    internal override void CheckTargets<T>(Tensor<T> target, int outputs)
    {
        Targets.CheckWidth(target, outputs, "BinaryCrossEntropy");
        BceWithLogits<T>.CheckProbabilities(target.Span);
    }

    internal override double DecisionThreshold => 0;

    internal override void PredictInPlace<T>(Span<T> output, int outputs) => System.Numerics.Tensors.TensorPrimitives.Sigmoid<T>(output, output);

    /// <inheritdoc/>
    public override bool IsClassification => true;

    /// <inheritdoc/>
    public override string Name => "bce_logits";
}
