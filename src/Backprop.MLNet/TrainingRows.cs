using Backprop.Data;
using Backprop.MLNet.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet;

/// <summary>
/// The training rows of an <see cref="IDataView"/>, read through its cursor: one pass for the statistics, then one cursor per epoch
/// whose rows fill a mini-batch buffer of <see cref="MlpOptions.BatchSize"/> rows that is trained on and refilled. Only that buffer (and
/// ML.NET's shuffle pool) is in memory, so data larger than memory trains. A row whose label is missing (NaN, key 0) or infinite, or whose
/// features are not all finite, is skipped, as ML.NET's trainers skip them.
/// </summary>
internal sealed class TrainingRows(MLContext ml, IDataView data, string featureColumn, string labelColumn, MlpTask task, MlpOptions options)
{
    /// <summary>The width of the feature vector.</summary>
    public int Features { get; } = ((VectorDataViewType)data.Schema[featureColumn].Type).Size;

    /// <summary>Called with each batch's row count before its step (tests watch the cursor through it).</summary>
    internal Action<int>? OnBatch { get; init; }

    /// <summary>Reads every usable row once.</summary>
    public RowStatistics Measure()
    {
        var statistics = new RowStatistics(Features);
        ForEachRow(data, (x, y) => statistics.Add(x, y));
        return statistics;
    }

    /// <summary>
    /// One epoch: rows (shuffled through ML.NET's <c>ShuffleRows</c> seeded by <paramref name="seed"/> unless shuffling is off) scaled by
    /// <paramref name="scaler"/> and <paramref name="targetScaler"/> into batches handed to <paramref name="step"/> (features [n·F], targets [n], n).
    /// </summary>
    public void Epoch(int seed, Scaler? scaler, Scaler? targetScaler, BatchStep step)
    {
        int batch = options.BatchSize;
        var x = new float[batch * Features];
        var y = new float[batch];
        int n = 0;
        var view = options.Shuffle ? ml.Data.ShuffleRows(data, seed, options.ShufflePoolSize, shuffleSource: data.CanShuffle) : data;
        ForEachRow(view, (row, target) =>
        {
            var into = x.AsSpan(n * Features, Features);
            if (scaler is null) row.CopyTo(into);
            else scaler.Transform(row, into); // z = (x − μ)/σ
            y[n] = target;
            targetScaler?.Transform<float>(y.AsSpan(n, 1), y.AsSpan(n, 1));
            if (++n < batch) return;
            OnBatch?.Invoke(n);
            step(x, y, n);
            n = 0;
        });
        if (n == 0) return;
        OnBatch?.Invoke(n);
        step(x.AsSpan(0, n * Features), y.AsSpan(0, n), n);
    }

    /// <summary>Trains on one batch: features [rows·F] and targets [rows], row-major.</summary>
    public delegate void BatchStep(ReadOnlySpan<float> features, ReadOnlySpan<float> targets, int rows);

    // Every usable row of the view, in cursor order: its dense features and its target.
    private void ForEachRow(IDataView view, RowAction action)
    {
        var features = view.Schema[featureColumn];
        var label = view.Schema[labelColumn];
        using var cursor = view.GetRowCursor([features, label]);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
        var getTarget = task.Target(cursor, label);
        var vector = default(VBuffer<float>);
        var dense = new float[Features];
        while (cursor.MoveNext())
        {
            float target = getTarget();
            if (!float.IsFinite(target)) continue;
            getFeatures(ref vector);
            vector.CopyTo(dense);
            if (!AllFinite(dense)) continue;
            action(dense, target);
        }
    }

    private delegate void RowAction(ReadOnlySpan<float> features, float target);

    private static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values) if (!float.IsFinite(v)) return false;
        return true;
    }
}
