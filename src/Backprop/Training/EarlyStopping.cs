namespace Backprop.Training;

/// <summary>
/// Keras' <c>EarlyStopping</c>: an epoch improves when its <see cref="Monitor"/> value (default the validation loss) beats the best so
/// far by more than <see cref="MinDelta"/> in the metric's direction (lower loss, higher accuracy or R²); after <see cref="Patience"/>
/// epochs in a row without improvement training stops. With <see cref="RestoreBestWeights"/> (the default here; Keras' is off) the
/// model ends with the best epoch's parameters, whether training stopped early or ran every epoch.
/// </summary>
public sealed class EarlyStopping : IStatefulCallback
{
    /// <summary><c>early_stopping</c>.</summary>
    public string Name => "early_stopping";

    private ParameterSnapshot? _best;
    private double _bestValue;
    private int _wait, _lastEpoch;

    /// <summary>
    /// Stops after <paramref name="patience"/> (≥ 1) epochs without an improvement of <paramref name="monitor"/> (default
    /// <see cref="MonitoredMetric.ValLoss"/>) larger than <paramref name="minDelta"/> (≥ 0).
    /// </summary>
    public EarlyStopping(int patience, double minDelta = 0, bool restoreBestWeights = true, MonitoredMetric? monitor = null)
    {
        if (patience < 1) throw new ArgumentOutOfRangeException(nameof(patience), $"EarlyStopping: patience must be at least 1 epoch; got {patience}.");
        if (!(minDelta >= 0) || double.IsInfinity(minDelta))
            throw new ArgumentOutOfRangeException(nameof(minDelta), $"EarlyStopping: min delta must be a finite number ≥ 0; got {minDelta}.");
        Patience = patience; MinDelta = minDelta; RestoreBestWeights = restoreBestWeights; Monitor = monitor ?? MonitoredMetric.ValLoss;
    }

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; }

    /// <summary>How much better than the best the monitored value must be to count as an improvement.</summary>
    public double MinDelta { get; }

    /// <summary>Whether to put back the best epoch's parameters at the end.</summary>
    public bool RestoreBestWeights { get; }

    /// <summary>The metric watched (Keras' <c>monitor</c>; its direction is Keras' <c>mode</c>).</summary>
    public MonitoredMetric Monitor { get; }

    /// <summary>The epoch with the best monitored value in the last run (0 before any).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The best monitored value of the last run.</summary>
    public double BestValue => _bestValue;

    /// <summary>The epoch after which the last run stopped, or null when it ran every epoch.</summary>
    public int? StoppedEpoch { get; private set; }

    void ITrainingCallback.OnTrainBegin(TrainingContext context)
    {
        Monitor.CheckAvailable(context, "early stopping");
        _best = RestoreBestWeights ? context.NewSnapshot() : null;
        (_bestValue, _wait, _lastEpoch, BestEpoch, StoppedEpoch) = (Monitor.Worst, 0, 0, 0, null);
    }

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context)
    {
        _lastEpoch = epoch.Epoch;
        double value = Monitor.Read(epoch, nameof(EarlyStopping));
        if (Monitor.Improves(value, _bestValue, MinDelta))
        {
            (_bestValue, _wait, BestEpoch) = (value, 0, epoch.Epoch);
            _best?.Capture(epoch.Epoch);
        }
        else if (++_wait >= Patience)
        {
            StoppedEpoch = epoch.Epoch;
            context.StopTraining();
        }
    }

    IReadOnlyDictionary<string, double[]> IStatefulCallback.SaveState() => new Dictionary<string, double[]>
    {
        ["best_value"] = [_bestValue], ["wait"] = [_wait], ["last_epoch"] = [_lastEpoch], ["best_epoch"] = [BestEpoch],
        ["snapshot_epoch"] = [_best?.Epoch ?? 0], ["snapshot"] = _best?.Values() ?? [],
    };

    void IStatefulCallback.LoadState(IReadOnlyDictionary<string, double[]> state)
    {
        const string owner = nameof(EarlyStopping);
        _bestValue = IStatefulCallback.Entry(state, "best_value", owner)[0];
        _wait = (int)IStatefulCallback.Entry(state, "wait", owner)[0];
        _lastEpoch = (int)IStatefulCallback.Entry(state, "last_epoch", owner)[0];
        BestEpoch = (int)IStatefulCallback.Entry(state, "best_epoch", owner)[0];
        int epoch = (int)IStatefulCallback.Entry(state, "snapshot_epoch", owner)[0];
        if (_best is not null && epoch > 0) _best.Load(IStatefulCallback.Entry(state, "snapshot", owner, null), epoch);
    }

    void ITrainingCallback.OnTrainEnd(TrainingContext context)
    {
        if (_best is { Epoch: > 0 } best && best.Epoch != _lastEpoch) context.Restore(best);
    }
}
