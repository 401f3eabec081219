namespace Backprop.Training.Schedules;

/// <summary>
/// A linear warm-up in front of another schedule, as PyTorch's <c>SequentialLR([LinearLR(start_factor, total_iters=N), then], [N])</c>:
/// η_t = η₀ · (s + (1 − s)·t / N) for t &lt; N, then <see cref="Then"/>'s rate at t − N (or η₀ when there is none, after which the
/// rate is left to other callbacks such as <see cref="ReduceLROnPlateau"/>). Counts in the unit of <see cref="Then"/> (epochs when none).
/// </summary>
public sealed class LinearWarmUp : LearningRateSchedule
{
    /// <summary>
    /// Warms up over <paramref name="length"/> ≥ 1 epochs (or steps of a per-step <paramref name="then"/>) from
    /// <paramref name="startFactor"/> ∈ (0, 1] times the base rate (PyTorch's <c>LinearLR</c> default ⅓). <paramref name="then"/> is used
    /// for its <see cref="LearningRateSchedule.RateAt"/> only: do not add it as a callback as well.
    /// </summary>
    public LinearWarmUp(int length, LearningRateSchedule? then = null, double startFactor = 1.0 / 3) : base(then?.PerStep ?? false)
    {
        Length = CheckCount(length, nameof(LinearWarmUp), "length");
        StartFactor = CheckFactor(startFactor, nameof(LinearWarmUp), "start_factor");
        Then = then;
    }

    /// <summary>Epochs (or steps) of warm-up, N.</summary>
    public int Length { get; }

    /// <summary>The fraction s of the base rate the warm-up starts from.</summary>
    public double StartFactor { get; }

    /// <summary>The schedule after the warm-up, or null for the base rate.</summary>
    public LearningRateSchedule? Then { get; }

    /// <summary><c>warmup</c>, or <c>warmup+</c> and the name of the schedule after it.</summary>
    public override string Name => Then is null ? "warmup" : "warmup+" + Then.Name;

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) =>
        t < Length ? baseRate * (StartFactor + (1 - StartFactor) * t / Length) : Then?.RateAt(t - Length, baseRate) ?? baseRate;

    /// <inheritdoc/>
    protected internal override bool Controls(long t) => Then is not null || t <= Length;
}
