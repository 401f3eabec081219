using Backprop.Registration;
using System.Globalization;
namespace Backprop.Training.Schedules;

/// <summary>PyTorch's <c>ExponentialLR</c>, per epoch: η_t = η₀ · γ^t.</summary>
public sealed class ExponentialLR : LearningRateSchedule
{
    /// <summary>The registry entry <c>exponential</c>.</summary>
    public static IRegistryEntry<ScheduleMaker> Entry { get; } = new RegistryEntry<ScheduleMaker, ExponentialOptions>("exponential", new(),
        o => _ => new ExponentialLR(o.Gamma), "decay by gamma every epoch");

    /// <inheritdoc/>
    public override string Name => "exponential";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"exponential (x{Gamma} per epoch)");

    /// <summary>Multiplies the rate by <paramref name="gamma"/> ∈ (0, 1] after every epoch.</summary>
    public ExponentialLR(double gamma) : base(perStep: false) => Gamma = CheckFactor(gamma, nameof(ExponentialLR), "gamma");

    /// <summary>The decay factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) => baseRate * Math.Pow(Gamma, t);
}

/// <summary>The options of <c>exponential</c>.</summary>
public sealed record ExponentialOptions
{
    /// <summary>The decay factor γ per epoch (default 0.95).</summary>
    public double Gamma { get; init; } = 0.95;
}
