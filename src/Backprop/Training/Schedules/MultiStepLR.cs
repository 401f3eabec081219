using Backprop.Registration;
using System.Globalization;
namespace Backprop.Training.Schedules;

/// <summary>PyTorch's <c>MultiStepLR</c>, per epoch: η_t = η₀ · γ^(number of milestones ≤ t).</summary>
public sealed class MultiStepLR : LearningRateSchedule
{
    /// <summary>The registry entry <c>multistep</c>; the milestones default to half and three quarters of the run's epochs.</summary>
    public static IRegistryEntry<ScheduleMaker> Entry { get; } = new RegistryEntry<ScheduleMaker, MultiStepOptions>("multistep", new(),
        o => run => new MultiStepLR(o.Milestones ?? [.. new[] { run.Epochs / 2, run.Epochs * 3 / 4 }.Select(m => Math.Max(1, m)).Distinct()], o.Gamma),
        "decay by gamma at each milestone epoch");

    /// <inheritdoc/>
    public override string Name => "multistep";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"multistep (x{Gamma} at epochs {string.Join(",", Milestones)})");

    private readonly int[] _milestones;

    /// <summary>Multiplies the rate by <paramref name="gamma"/> ∈ (0, 1] (PyTorch's default 0.1) once each of the increasing epochs <paramref name="milestones"/> (≥ 1) is reached.</summary>
    public MultiStepLR(IEnumerable<int> milestones, double gamma = 0.1) : base(perStep: false)
    {
        _milestones = [.. milestones];
        if (_milestones.Length == 0) throw new ArgumentException("MultiStepLR: give at least one milestone epoch.", nameof(milestones));
        for (int i = 0; i < _milestones.Length; i++)
            if (_milestones[i] < 1 || (i > 0 && _milestones[i] <= _milestones[i - 1]))
                throw new ArgumentException($"MultiStepLR: milestones must be increasing epochs ≥ 1; got [{string.Join(", ", _milestones)}].", nameof(milestones));
        Gamma = CheckFactor(gamma, nameof(MultiStepLR), "gamma");
    }

    /// <summary>The epochs at which the rate decays.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary>The decay factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) => baseRate * Math.Pow(Gamma, _milestones.Count(m => m <= t));
}

/// <summary>The options of <c>multistep</c>.</summary>
public sealed record MultiStepOptions
{
    /// <summary>Increasing epochs at which the rate decays; null: half and three quarters of the run's epochs.</summary>
    public int[]? Milestones { get; init; }

    /// <summary>The decay factor γ (default 0.1).</summary>
    public double Gamma { get; init; } = 0.1;
}
