using Backprop.Registration;
using System.Globalization;
using Backprop.Errors;

namespace Backprop.Training.Schedules;

/// <summary>
/// PyTorch's <c>OneCycleLR</c> (two phases, cosine annealing), per optimizer step: from max_lr / div_factor up to max_lr over the
/// first pct_start of the steps, then down to max_lr / (div_factor · final_div_factor), each phase along
/// cos_anneal(a, b, p) = b + (a − b)·(1 + cos(π·p)) / 2 with p the fraction of the phase done; phase 1 ends at step
/// pct_start · total − 1, phase 2 at total − 1. The base rate is not used: max_lr sets the scale. With <c>cycle_momentum</c> (on by
/// default, as in PyTorch) the optimizer's momentum moves the other way along the same curve, max_momentum → base_momentum while the
/// rate rises and back while it falls: SGD's and RMSprop's μ, Adam's and AdamW's β₁. As in PyTorch, SGD or RMSprop built without
/// momentum (μ = 0) gets momentum switched on by the cycle, and an optimizer with neither μ nor β₁ (Adagrad, L-BFGS) is refused
/// when training begins; turn <see cref="CycleMomentum"/> off to keep the optimizer's own momentum.
/// </summary>
public sealed class OneCycleLR : LearningRateSchedule
{
    /// <summary>The registry entry <c>onecycle</c>: over all the run's steps, peaking at max_lr (default: the optimizer's rate).</summary>
    public static IRegistryEntry<ScheduleMaker> Entry { get; } = new RegistryEntry<ScheduleMaker, OneCycleOptions>("onecycle", new(),
        o => run => new OneCycleLR(o.MaxLr ?? run.LearningRate, run.Epochs * run.StepsPerEpoch, o.PctStart,
            cycleMomentum: o.CycleMomentum, baseMomentum: o.BaseMomentum, maxMomentum: o.MaxMomentum), "one cycle up to max_lr and down, per step");

    /// <inheritdoc/>
    public override string Name => "onecycle";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"onecycle (max_lr {MaxLr}, {TotalSteps} steps, pct_start {PctStart}, momentum {(CycleMomentum ? $"{MaxMomentum}-{BaseMomentum}-{MaxMomentum}" : "not cycled")})");

    /// <summary>A cycle of <paramref name="totalSteps"/> optimizer steps peaking at <paramref name="maxLr"/> (PyTorch's defaults for the rest).</summary>
    public OneCycleLR(double maxLr, long totalSteps, double pctStart = 0.3, double divFactor = 25, double finalDivFactor = 1e4,
        bool cycleMomentum = true, double baseMomentum = 0.85, double maxMomentum = 0.95) : base(perStep: true)
    {
        if (cycleMomentum && !(baseMomentum >= 0 && baseMomentum <= maxMomentum && maxMomentum < 1))
            throw new ArgumentOutOfRangeException(nameof(baseMomentum), $"OneCycleLR: base_momentum and max_momentum must satisfy 0 ≤ base ≤ max < 1; got {baseMomentum} and {maxMomentum}.");
        (CycleMomentum, BaseMomentum, MaxMomentum) = (cycleMomentum, baseMomentum, maxMomentum);
        if (!(maxLr > 0) || double.IsInfinity(maxLr)) throw new ArgumentOutOfRangeException(nameof(maxLr), $"OneCycleLR: max_lr must be a positive number; got {maxLr}.");
        if (!(divFactor > 0) || !(finalDivFactor > 0) || double.IsInfinity(divFactor) || double.IsInfinity(finalDivFactor))
            throw new ArgumentOutOfRangeException(nameof(divFactor), $"OneCycleLR: div_factor and final_div_factor must be positive numbers; got {divFactor} and {finalDivFactor}.");
        if (!(pctStart > 0 && pctStart < 1)) throw new ArgumentOutOfRangeException(nameof(pctStart), $"OneCycleLR: pct_start must be in (0, 1); got {pctStart}.");
        if (!(pctStart * totalSteps > 1))
            throw new ArgumentOutOfRangeException(nameof(totalSteps), $"OneCycleLR: {totalSteps} total steps with pct_start {pctStart} leave no rising phase; pct_start · total_steps must exceed 1.");
        (MaxLr, TotalSteps, PctStart, DivFactor, FinalDivFactor) = (maxLr, totalSteps, pctStart, divFactor, finalDivFactor);
    }

    /// <summary>Whether the optimizer's momentum is cycled against the rate (PyTorch's <c>cycle_momentum</c>, default true).</summary>
    public bool CycleMomentum { get; }

    /// <summary>The momentum at the rate's peak (PyTorch's <c>base_momentum</c>, default 0.85).</summary>
    public double BaseMomentum { get; }

    /// <summary>The momentum at the start and the end (PyTorch's <c>max_momentum</c>, default 0.95).</summary>
    public double MaxMomentum { get; }

    /// <summary>The momentum after <paramref name="t"/> steps: max → base while the rate rises, base → max while it falls.</summary>
    public double MomentumAt(long t) => TwoPhases(t, MaxMomentum, BaseMomentum, MaxMomentum);

    private protected override void AfterRate(long t, TrainingContext context)
    {
        if (!CycleMomentum) return;
        if (context.Momentum is null)
            throw BackpropException.BadSetting("OneCycleLR: cycle_momentum is on, but the optimizer has neither a momentum nor a β₁ to cycle " +
                "(Adagrad and L-BFGS have none; PyTorch refuses them too); turn cycle_momentum off for this optimizer.");
        context.Momentum = MomentumAt(t);
    }

    /// <summary>The peak rate (PyTorch's <c>max_lr</c>).</summary>
    public double MaxLr { get; }

    /// <summary>Steps in the cycle (PyTorch's <c>total_steps</c> = epochs · steps per epoch).</summary>
    public long TotalSteps { get; }

    /// <summary>Fraction of the cycle spent rising (PyTorch's <c>pct_start</c>, default 0.3).</summary>
    public double PctStart { get; }

    /// <summary>The starting rate is max_lr / div_factor (default 25).</summary>
    public double DivFactor { get; }

    /// <summary>The final rate is the starting rate / final_div_factor (default 1e4).</summary>
    public double FinalDivFactor { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate)
    {
        if (t > TotalSteps)
            throw new InvalidOperationException($"OneCycleLR: step {t} is past the cycle's {TotalSteps} total steps; make the cycle as long as the training.");
        double initial = MaxLr / DivFactor;
        return TwoPhases(t, initial, MaxLr, initial / FinalDivFactor);
    }

    // start → middle over phase 1 (ending at step pct_start · total − 1), middle → end over phase 2 (ending at total − 1).
    private double TwoPhases(long t, double start, double middle, double end)
    {
        double peakStep = PctStart * TotalSteps - 1, lastStep = TotalSteps - 1;
        return t <= peakStep ? CosAnneal(start, middle, t / peakStep) : CosAnneal(middle, end, (t - peakStep) / (lastStep - peakStep));
    }

    // From a at p = 0 to b at p = 1 along half a cosine.
    private static double CosAnneal(double a, double b, double p) => b + (a - b) * (1 + Math.Cos(Math.PI * p)) / 2;
}

/// <summary>The options of <c>onecycle</c> (PyTorch's names and defaults).</summary>
public sealed record OneCycleOptions
{
    /// <summary>The peak rate; null: the optimizer's learning rate.</summary>
    public double? MaxLr { get; init; }

    /// <summary>The fraction of the steps spent rising (default 0.3).</summary>
    public double PctStart { get; init; } = 0.3;

    /// <summary>Whether the optimizer's momentum is cycled against the rate (default true).</summary>
    public bool CycleMomentum { get; init; } = true;

    /// <summary>The momentum at the rate's peak (default 0.85).</summary>
    public double BaseMomentum { get; init; } = 0.85;

    /// <summary>The momentum at the start and the end (default 0.95).</summary>
    public double MaxMomentum { get; init; } = 0.95;
}
