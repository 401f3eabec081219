using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>PyTorch's MSELoss: the mean over all M elements of (o - y)²;  dL/do = 2(o - y) / M.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target)
        => SquaredError<T>.Apply(output, target, T.One / T.CreateTruncating(Math.Max(output.Length, 1)), "MeanSquaredError");

    internal override T LossAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int n, int outputs, Span<T> gradient)
        => SquaredError<T>.LossAndGradient(output, target, T.One / T.CreateTruncating(Math.Max(n * outputs, 1)), gradient);

    internal override void CheckTargets<T>(Tensor<T> target, int outputs) => Targets.CheckWidth(target, outputs, "MeanSquaredError");

    /// <inheritdoc/>
    public override bool IsClassification => false;

    /// <inheritdoc/>
    public override string Name => "mse_mean";
}
