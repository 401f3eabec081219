namespace Backprop.Training;

/// <summary>
/// A number an epoch reports, by Keras' name (<c>val_loss</c>, <c>val_accuracy</c>, <c>val_macro_f1</c>, <c>val_balanced_accuracy</c>, <c>val_mse</c>, <c>val_mae</c>, <c>val_r2</c>, and the
/// training <c>loss</c> and <c>accuracy</c>), with the direction in which it gets better: what <see cref="EarlyStopping"/> and
/// <see cref="Schedules.ReduceLROnPlateau"/> watch and <see cref="CsvLogger"/> writes.
/// </summary>
public sealed class MonitoredMetric
{
    private readonly Func<EpochReport, double?> _read;

    private MonitoredMetric(string name, bool higherIsBetter, bool? classification, Func<EpochReport, double?> read)
    {
        Name = name; HigherIsBetter = higherIsBetter; Classification = classification; _read = read;
    }

    /// <summary>Mean training loss of the epoch.</summary>
    public static MonitoredMetric Loss { get; } = new("loss", false, null, e => e.Loss);

    /// <summary>Training accuracy of the epoch (classification).</summary>
    public static MonitoredMetric Accuracy { get; } = new("accuracy", true, true, e => e.Accuracy);

    /// <summary>Validation loss.</summary>
    public static MonitoredMetric ValLoss { get; } = new("val_loss", false, null, e => e.Validation?.Loss);

    /// <summary>Validation accuracy (classification).</summary>
    public static MonitoredMetric ValAccuracy { get; } = new("val_accuracy", true, true, e => e.Validation?.Accuracy);

    /// <summary>Validation macro-F1, the mean F1 over the classes (classification; <see cref="Metrics.MacroF1"/>).</summary>
    public static MonitoredMetric ValMacroF1 { get; } = new("val_macro_f1", true, true, e => e.Validation?.MacroF1);

    /// <summary>Validation balanced accuracy, the mean recall over the classes (classification; <see cref="Metrics.BalancedAccuracy"/>).</summary>
    public static MonitoredMetric ValBalancedAccuracy { get; } = new("val_balanced_accuracy", true, true, e => e.Validation?.BalancedAccuracy);

    /// <summary>Validation mean squared error (regression, in target units).</summary>
    public static MonitoredMetric ValMse { get; } = new("val_mse", false, false, e => e.Validation?.Mse);

    /// <summary>Validation mean absolute error (regression, in target units).</summary>
    public static MonitoredMetric ValMae { get; } = new("val_mae", false, false, e => e.Validation?.Mae);

    /// <summary>Validation coefficient of determination R² (regression).</summary>
    public static MonitoredMetric ValR2 { get; } = new("val_r2", true, false, e => e.Validation?.R2);

    /// <summary>Every metric, in the order <see cref="CsvLogger"/> writes their columns.</summary>
    public static IReadOnlyList<MonitoredMetric> All { get; } = [Loss, Accuracy, ValLoss, ValAccuracy, ValMacroF1, ValBalancedAccuracy, ValMse, ValMae, ValR2];

    /// <summary>The names <see cref="Parse"/> knows, joined by <paramref name="separator"/>.</summary>
    public static string Names(string separator = ", ") => string.Join(separator, All.Select(m => m.Name));

    /// <summary>The metric named <paramref name="text"/> (any case).</summary>
    public static MonitoredMetric Parse(string text) =>
        All.FirstOrDefault(m => m.Name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"Unknown metric '{text}'; expected one of {Names()}.");

    /// <summary>Keras' name, e.g. <c>val_loss</c>.</summary>
    public string Name { get; }

    /// <summary>True for accuracy and R² (mode "max"), false for losses and errors (mode "min").</summary>
    public bool HigherIsBetter { get; }

    /// <summary>True when only classification reports it, false when only regression does, null when both do.</summary>
    public bool? Classification { get; }

    /// <summary>Whether the metric comes from the validation pass (so training needs a validation set).</summary>
    public bool NeedsValidation => Name.StartsWith("val_", StringComparison.Ordinal);

    /// <summary>Whether a run of this task reports the metric.</summary>
    public bool AppliesTo(bool classification) => Classification is not { } c || c == classification;

    /// <summary>The value <paramref name="epoch"/> reports, or null when it has none.</summary>
    public double? ValueOf(EpochReport epoch) => _read(epoch);

    /// <summary>A value every real one improves on: +∞ for "min", −∞ for "max".</summary>
    public double Worst => HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Whether <paramref name="current"/> beats <paramref name="best"/> by more than <paramref name="minDelta"/> in the metric's direction.</summary>
    public bool Improves(double current, double best, double minDelta) =>
        HigherIsBetter ? current > best + minDelta : current < best - minDelta;

    /// <summary>The value <paramref name="epoch"/> reports, or a clear error naming <paramref name="watcher"/> when it has none.</summary>
    internal double Read(EpochReport epoch, string watcher) => ValueOf(epoch) ?? throw new InvalidOperationException(
        $"{watcher} monitors {Name}, but epoch {epoch.Epoch} reports none ({string.Join(", ", All.Where(m => m.ValueOf(epoch) is not null).Select(m => m.Name))} are reported).");

    /// <summary>Refuses to watch a validation metric when training has no validation set.</summary>
    internal void CheckAvailable(TrainingContext context, string watcher)
    {
        if (NeedsValidation && !context.HasValidation)
            throw new ArgumentException($"Fit: {watcher} on {Name} needs a validation set (or monitor the training loss).");
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
