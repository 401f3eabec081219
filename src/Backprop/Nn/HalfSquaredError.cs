using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>The tutorials' L = ½ Σ_outputs (o - y)², averaged over the batch of N;  dL/do = (o - y) / N.</summary>
public sealed class HalfSquaredError : Loss
{
    /// <inheritdoc/>
    public override Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target)
    {
        int n = output.Rank == 0 ? 1 : output.Shape[0];
        return SquaredError<T>.Apply(output, target, T.One / T.CreateTruncating(2 * n), "HalfSquaredError");
    }

    internal override T LossAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int n, int outputs, Span<T> gradient)
        => SquaredError<T>.LossAndGradient(output, target, T.One / T.CreateTruncating(2 * n), gradient);

    internal override void CheckTargets<T>(Tensor<T> target, int outputs) => Targets.CheckWidth(target, outputs, "HalfSquaredError");

    /// <inheritdoc/>
    public override bool IsClassification => false;

    /// <inheritdoc/>
    public override string Name => "mse_half";
}
