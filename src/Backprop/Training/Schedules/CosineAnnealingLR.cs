using Backprop.Registration;
using System.Globalization;
namespace Backprop.Training.Schedules;

/// <summary>
/// PyTorch's <c>CosineAnnealingLR</c> in its closed form, per epoch: η_t = η_min + (η₀ − η_min)·(1 + cos(π·t / T_max)) / 2, from η₀
/// down to η_min at t = T_max (and, as PyTorch's, back up along the cosine if training goes on).
/// </summary>
public sealed class CosineAnnealingLR : LearningRateSchedule
{
    /// <summary>The registry entry <c>cosine</c>: T_max is the run's epochs.</summary>
    public static IRegistryEntry<ScheduleMaker> Entry { get; } = new RegistryEntry<ScheduleMaker, CosineOptions>("cosine", new(),
        o => run => new CosineAnnealingLR(run.Epochs, o.MinLr), "cosine annealing to min_lr over the run");

    /// <inheritdoc/>
    public override string Name => "cosine";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"cosine (T_max {TMax}, eta_min {EtaMin})");

    /// <summary>Anneals over <paramref name="tMax"/> ≥ 1 epochs to <paramref name="etaMin"/> ≥ 0 (PyTorch's default 0).</summary>
    public CosineAnnealingLR(int tMax, double etaMin = 0) : base(perStep: false)
    {
        TMax = CheckCount(tMax, nameof(CosineAnnealingLR), "T_max");
        if (!(etaMin >= 0) || double.IsInfinity(etaMin))
            throw new ArgumentOutOfRangeException(nameof(etaMin), $"CosineAnnealingLR: eta_min must be a finite number ≥ 0; got {etaMin}.");
        EtaMin = etaMin;
    }

    /// <summary>Epochs from the base rate to the minimum (PyTorch's <c>T_max</c>).</summary>
    public int TMax { get; }

    /// <summary>The minimum rate (PyTorch's <c>eta_min</c>).</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) => EtaMin + (baseRate - EtaMin) * (1 + Math.Cos(Math.PI * t / TMax)) / 2;
}

/// <summary>The options of <c>cosine</c>.</summary>
public sealed record CosineOptions
{
    /// <summary>The rate reached at the end, η_min (default 0).</summary>
    public double MinLr { get; init; }
}
