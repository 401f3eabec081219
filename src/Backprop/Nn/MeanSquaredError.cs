using Backprop.Registration;
using System.Numerics;

namespace Backprop.Nn;

/// <summary>PyTorch's MSELoss: the mean over all M elements of (o - y)²;  dL/do = 2(o - y) / M.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <summary>The registry entry: <c>mse_mean</c>.</summary>
    public static IRegistryEntry<Loss> Entry { get; } = new RegistryEntry<Loss, NoOptions>("mse_mean", NoOptions.Value, _ => new MeanSquaredError(), "the mean squared error over all elements (PyTorch MSELoss)", ["mse", "mean_squared_error"]);

    /// <inheritdoc/>
    public override string Name => "mse_mean";

    /// <inheritdoc/>
    public override TaskKind Task => TaskKind.Regression;

    /// <inheritdoc/>
    public override bool IsSquaredError => true;

    /// <summary>δ = 2·(o − y)/(N·M).</summary>
    public override OutputDelta? Delta => new(2, OverOutputs: true);

    /// <inheritdoc/>
    public override T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
        => SquaredError.ValueAndGradient(output, target, T.One / T.CreateTruncating(Math.Max(output.Length, 1)), gradient);
}
