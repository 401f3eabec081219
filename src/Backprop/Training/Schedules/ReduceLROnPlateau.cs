using Backprop.Registration;
using System.Globalization;
namespace Backprop.Training.Schedules;

/// <summary>
/// Keras' <c>ReduceLROnPlateau</c>: after <see cref="Patience"/> epochs in a row in which <see cref="Monitor"/> did not beat its best
/// by more than <see cref="MinDelta"/>, the learning rate becomes max(rate · <see cref="Factor"/>, <see cref="MinLr"/>) (when it is
/// still above the minimum), and then <see cref="Cooldown"/> epochs pass before waiting starts again. Improvements count during
/// the cooldown and reset the wait.
/// </summary>
public sealed class ReduceLROnPlateau : IStatefulCallback
{
    /// <summary>The registry entry <c>plateau</c>: watches the run's monitor, with its min delta (default 1e-4).</summary>
    public static IRegistryEntry<ScheduleMaker> Entry { get; } = new RegistryEntry<ScheduleMaker, PlateauOptions>("plateau", new(),
        o => run => new ReduceLROnPlateau(run.Monitor, o.Factor, o.Patience, run.MinDelta ?? 1e-4, o.Cooldown, o.MinLr), "reduce by factor when the monitored metric stalls");

    /// <inheritdoc/>
    public string Name => "plateau";

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"plateau (x{Factor} after {Patience} epochs, cooldown {Cooldown}, min_lr {MinLr})");

    private double _best;
    private int _wait, _cooldownLeft;

    /// <summary>Keras' defaults: monitor val_loss, factor 0.1, patience 10, min_delta 1e-4, cooldown 0, min_lr 0.</summary>
    public ReduceLROnPlateau(MonitoredMetric? monitor = null, double factor = 0.1, int patience = 10, double minDelta = 1e-4, int cooldown = 0, double minLr = 0)
    {
        if (!(factor > 0 && factor < 1)) throw new ArgumentOutOfRangeException(nameof(factor), $"ReduceLROnPlateau: factor must be in (0, 1); got {factor}.");
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), $"ReduceLROnPlateau: patience must be at least 1 epoch; got {patience}.");
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), $"ReduceLROnPlateau: min_delta must be a finite number ≥ 0; got {minDelta}.");
        if (cooldown < 0) throw new ArgumentOutOfRangeException(nameof(cooldown), $"ReduceLROnPlateau: cooldown must be at least 0 epochs; got {cooldown}.");
        if (!(minLr >= 0) || double.IsInfinity(minLr))
            throw new ArgumentOutOfRangeException(nameof(minLr), $"ReduceLROnPlateau: min_lr must be a finite number ≥ 0; got {minLr}.");
        (Monitor, Factor, Patience, MinDelta, Cooldown, MinLr) = (monitor ?? MonitoredMetric.ValLoss, factor, patience, minDelta, cooldown, minLr);
    }

    /// <summary>The metric watched, with its direction.</summary>
    public MonitoredMetric Monitor { get; }

    /// <summary>What the rate is multiplied by on a plateau.</summary>
    public double Factor { get; }

    /// <summary>Epochs without improvement before reducing.</summary>
    public int Patience { get; }

    /// <summary>How much better than the best a value must be to count as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Epochs after a reduction before waiting starts again.</summary>
    public int Cooldown { get; }

    /// <summary>The rate is never reduced below this.</summary>
    public double MinLr { get; }

    /// <summary>The epochs after which the rate was reduced, in the last run.</summary>
    public List<int> Reductions { get; } = [];

    void ITrainingCallback.OnTrainBegin(TrainingContext context)
    {
        Monitor.CheckAvailable(context, nameof(ReduceLROnPlateau));
        (_best, _wait, _cooldownLeft) = (Monitor.Worst, 0, 0);
        Reductions.Clear();
    }

    IReadOnlyDictionary<string, double[]> IStatefulCallback.SaveState() => new Dictionary<string, double[]>
    {
        ["best"] = [_best], ["wait"] = [_wait], ["cooldown_left"] = [_cooldownLeft], ["reductions"] = [.. Reductions],
    };

    void IStatefulCallback.LoadState(IReadOnlyDictionary<string, double[]> state)
    {
        const string owner = nameof(ReduceLROnPlateau);
        _best = IStatefulCallback.Entry(state, "best", owner)[0];
        _wait = (int)IStatefulCallback.Entry(state, "wait", owner)[0];
        _cooldownLeft = (int)IStatefulCallback.Entry(state, "cooldown_left", owner)[0];
        Reductions.Clear();
        Reductions.AddRange(IStatefulCallback.Entry(state, "reductions", owner, null).Select(e => (int)e));
    }

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context)
    {
        double value = Monitor.Read(epoch, nameof(ReduceLROnPlateau));
        if (_cooldownLeft > 0) { _cooldownLeft--; _wait = 0; }
        if (Monitor.Improves(value, _best, MinDelta)) (_best, _wait) = (value, 0);
        else if (_cooldownLeft == 0 && ++_wait >= Patience && context.LearningRate > MinLr)
        {
            context.LearningRate = Math.Max(context.LearningRate * Factor, MinLr);
            (_cooldownLeft, _wait) = (Cooldown, 0);
            Reductions.Add(epoch.Epoch);
        }
    }
}

/// <summary>The options of <c>plateau</c> (Keras' names).</summary>
public sealed record PlateauOptions
{
    /// <summary>What the rate is multiplied by on a plateau (default 0.1).</summary>
    public double Factor { get; init; } = 0.1;

    /// <summary>Epochs without improvement before reducing (default 5).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Epochs after a reduction before waiting again (default 0).</summary>
    public int Cooldown { get; init; }

    /// <summary>The lowest rate (default 0).</summary>
    public double MinLr { get; init; }
}
