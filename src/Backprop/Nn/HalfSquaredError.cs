using Backprop.Registration;
using System.Numerics;

namespace Backprop.Nn;

/// <summary>The tutorials' L = ½ Σ_outputs (o - y)², averaged over the batch of N;  dL/do = (o - y) / N.</summary>
public sealed class HalfSquaredError : Loss
{
    /// <summary>The registry entry: <c>mse_half</c>.</summary>
    public static IRegistryEntry<Loss> Entry { get; } = new RegistryEntry<Loss, NoOptions>("mse_half", NoOptions.Value, _ => new HalfSquaredError(), "half the squared error summed over outputs, averaged over rows", ["half_squared_error"]);

    /// <inheritdoc/>
    public override string Name => "mse_half";

    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.Regression;

    /// <inheritdoc/>
    public override bool IsSquaredError => true;

    /// <summary>δ = (o − y)/N.</summary>
    public override OutputDelta? Delta => new(1, OverOutputs: false);

    /// <inheritdoc/>
    public override T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
        => SquaredError.ValueAndGradient(output, target, T.One / T.CreateTruncating(2 * rows), gradient);
}
