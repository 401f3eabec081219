using System.Globalization;
using System.Text;

namespace Backprop.Training;

/// <summary>
/// Keras' <c>CSVLogger</c>: writes one line per epoch to <see cref="Path"/> — <c>epoch</c>, every metric the run reports
/// (<see cref="MonitoredMetric.All"/>, in that order: loss, accuracy, val_loss, ...) and the <c>learning_rate</c> the epoch started
/// with. The header is written with the first epoch; each line is appended and flushed as its epoch ends, so the file is complete
/// after every epoch even if training is stopped. Numbers are written round-trip in the invariant culture.
/// </summary>
public sealed class CsvLogger : ITrainingCallback
{
    private MonitoredMetric[]? _columns;
    private double _epochRate;

    /// <summary>
    /// Logs to <paramref name="path"/>: a new file at the start of each <c>Fit</c>, or with <paramref name="append"/> lines added
    /// to an existing file (its header kept) so continued training extends the log.
    /// </summary>
    public CsvLogger(string path, bool append = false)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("CsvLogger: the path is empty.", nameof(path));
        Path = path; Append = append;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Whether a run adds to an existing file instead of replacing it.</summary>
    public bool Append { get; }

    void ITrainingCallback.OnTrainBegin(TrainingContext context)
    {
        _columns = null;
        if (!Append) File.WriteAllText(Path, "");
    }

    void ITrainingCallback.OnEpochBegin(int epoch, TrainingContext context) => _epochRate = context.LearningRate;

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context)
    {
        var text = new StringBuilder();
        if (_columns is null)
        {
            _columns = [.. MonitoredMetric.All.Where(m => m.ValueOf(epoch) is not null)];
            if (!File.Exists(Path) || new FileInfo(Path).Length == 0)
                text.AppendJoin(',', ["epoch", .. _columns.Select(m => m.Name), "learning_rate"]).Append('\n');
        }
        var c = CultureInfo.InvariantCulture;
        text.Append(epoch.Epoch.ToString(c));
        foreach (var column in _columns) text.Append(',').Append(column.ValueOf(epoch) is { } v ? v.ToString("R", c) : "");
        text.Append(',').Append(_epochRate.ToString("R", c)).Append('\n');
        using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        file.Write(Encoding.UTF8.GetBytes(text.ToString()));
        file.Flush(flushToDisk: false);
    }
}
