using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Softmax then negative log-likelihood, averaged over the batch, on logits [N, C] and class indices [N]
/// (or one-hot / probability targets [N, C]):  L = -(1/N) Σₙ log pₙ,yₙ;  dL/dz = (p - onehot) / N.
/// </summary>
public sealed class CrossEntropy : Loss
{
    /// <inheritdoc/>
    public override Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target) => SoftmaxCrossEntropy<T>.Apply(output, target);

    /// <summary>Class probabilities: softmax of the logits.</summary>
    public override Tensor<T> Predict<T>(Tensor<T> output) => output.Softmax();

    internal override T LossAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int n, int outputs, Span<T> gradient)
        => SoftmaxCrossEntropy<T>.LossAndGradient(output, target, target.Length == n, n, outputs, gradient);

    internal override void CheckTargets<T>(Tensor<T> target, int outputs) => Targets.CheckClassTargets(target, target.Shape[0], outputs, "CrossEntropy");

    internal override double DecisionThreshold => 0;

    internal override void PredictInPlace<T>(Span<T> output, int outputs) => Kernels.Rows.Softmax<T>(output, output, outputs);

    /// <inheritdoc/>
    public override bool IsClassification => true;

    /// <inheritdoc/>
    public override string Name => "softmax_ce";
}
