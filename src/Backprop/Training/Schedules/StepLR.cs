using Backprop.Registration;
using System.Globalization;
namespace Backprop.Training.Schedules;

/// <summary>PyTorch's <c>StepLR</c>, per epoch: η_t = η₀ · γ^⌊t / step_size⌋ (decay by γ every <see cref="StepSize"/> epochs).</summary>
public sealed class StepLR : LearningRateSchedule
{
    /// <summary>The registry entry <c>step</c>; step_size defaults to a third of the run's epochs.</summary>
    public static IRegistryEntry<ScheduleMaker> Entry { get; } = new RegistryEntry<ScheduleMaker, StepOptions>("step", new(),
        o => run => new StepLR(o.StepSize ?? Math.Max(1, run.Epochs / 3), o.Gamma), "decay by gamma every step_size epochs");

    /// <inheritdoc/>
    public override string Name => "step";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"step (every {StepSize} epochs x{Gamma})");

    /// <summary>Multiplies the rate by <paramref name="gamma"/> ∈ (0, 1] (PyTorch's default 0.1) every <paramref name="stepSize"/> ≥ 1 epochs.</summary>
    public StepLR(int stepSize, double gamma = 0.1) : base(perStep: false)
    {
        StepSize = CheckCount(stepSize, nameof(StepLR), "step_size");
        Gamma = CheckFactor(gamma, nameof(StepLR), "gamma");
    }

    /// <summary>Epochs between decays (PyTorch's <c>step_size</c>).</summary>
    public int StepSize { get; }

    /// <summary>The decay factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) => baseRate * Math.Pow(Gamma, t / StepSize);
}

/// <summary>The options of <c>step</c>.</summary>
public sealed record StepOptions
{
    /// <summary>Epochs between decays; null: a third of the run's epochs.</summary>
    public int? StepSize { get; init; }

    /// <summary>The decay factor γ (default 0.1).</summary>
    public double Gamma { get; init; } = 0.1;
}
