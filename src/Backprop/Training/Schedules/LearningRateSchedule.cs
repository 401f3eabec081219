namespace Backprop.Training.Schedules;

/// <summary>
/// A learning rate that depends only on how far training has gone (PyTorch's <c>torch.optim.lr_scheduler</c>): the rate after
/// t epochs — or t steps for a per-step schedule such as <see cref="OneCycleLR"/> — is <see cref="RateAt"/>(t, base rate). The base
/// rate is the optimizer's learning rate when the schedule first sees training; t counts on across <c>Fit</c> calls (PyTorch's
/// <c>last_epoch</c>), so continued training continues the schedule. The rate for t = 0 is set as training begins, the next one
/// after each epoch (or step), as PyTorch's <c>scheduler.step()</c> does.
/// </summary>
public abstract class LearningRateSchedule : IStatefulCallback
{
    /// <summary>A schedule counted in epochs, or in optimizer steps when <paramref name="perStep"/>.</summary>
    protected LearningRateSchedule(bool perStep) => PerStep = perStep;

    /// <summary>The registered name (<see cref="Schedules.Registry"/>), which checkpoints store: <c>step</c>, <c>cosine</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The name, and for a built-in its settings (the CLI's header line shows it).</summary>
    public override string ToString() => Name;

    /// <summary>Whether t counts optimizer steps (else epochs).</summary>
    public bool PerStep { get; }

    /// <summary>The optimizer's learning rate when this schedule first saw training (PyTorch's <c>initial_lr</c>), or null before.</summary>
    public double? BaseLearningRate { get; private set; }

    /// <summary>Epochs (or steps) completed so far under this schedule (PyTorch's <c>last_epoch</c>).</summary>
    public long Count { get; private set; }

    /// <summary>The learning rate after <paramref name="t"/> ≥ 0 epochs (or steps) for a base rate <paramref name="baseRate"/>.</summary>
    public abstract double RateAt(long t, double baseRate);

    /// <summary>Whether the schedule sets the rate at <paramref name="t"/> (a warm-up with nothing after it lets go once it ends).</summary>
    protected internal virtual bool Controls(long t) => true;

    void ITrainingCallback.OnTrainBegin(TrainingContext context)
    {
        BaseLearningRate ??= context.LearningRate;
        Apply(context);
    }

    void ITrainingCallback.OnStepEnd(StepReport step, TrainingContext context)
    {
        if (PerStep) Advance(context);
    }

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context)
    {
        if (!PerStep) Advance(context);
    }

    IReadOnlyDictionary<string, double[]> IStatefulCallback.SaveState() => new Dictionary<string, double[]>
    {
        ["count"] = [Count], ["base_lr"] = BaseLearningRate is { } b ? [b] : [],
    };

    void IStatefulCallback.LoadState(IReadOnlyDictionary<string, double[]> state)
    {
        Count = (long)IStatefulCallback.Entry(state, "count", GetType().Name)[0];
        BaseLearningRate = IStatefulCallback.Entry(state, "base_lr", GetType().Name, null) is [var b] ? b : null;
    }

    private void Advance(TrainingContext context)
    {
        Count++;
        Apply(context);
    }

    private void Apply(TrainingContext context)
    {
        if (!Controls(Count)) return;
        context.LearningRate = RateAt(Count, BaseLearningRate!.Value);
        AfterRate(Count, context);
    }

    /// <summary>Called after the rate for <paramref name="t"/> is set, for a schedule that also moves something else (one-cycle's momentum).</summary>
    private protected virtual void AfterRate(long t, TrainingContext context) { }

    /// <summary>Refuses a factor outside (0, 1] (PyTorch's γ) with the schedule's name.</summary>
    private protected static double CheckFactor(double value, string schedule, string name) =>
        value > 0 && value <= 1 ? value : throw new ArgumentOutOfRangeException(name, $"{schedule}: {name} must be in (0, 1]; got {value}.");

    /// <summary>Refuses a count below 1 with the schedule's name.</summary>
    private protected static int CheckCount(int value, string schedule, string name) =>
        value >= 1 ? value : throw new ArgumentOutOfRangeException(name, $"{schedule}: {name} must be at least 1; got {value}.");
}
