using System.Numerics;

namespace Backprop.Nn;

/// <summary>The tutorials' L = ½ Σ_outputs (o - y)², averaged over the batch of N;  dL/do = (o - y) / N.</summary>
public sealed class HalfSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mse_half";

    /// <inheritdoc/>
    public override TargetKind Targets => TargetKind.Values;

    /// <inheritdoc/>
    public override T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
        => SquaredError.ValueAndGradient(output, target, T.One / T.CreateTruncating(2 * rows), gradient);
}
