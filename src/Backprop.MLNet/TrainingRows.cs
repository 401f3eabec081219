using Backprop.Data;
using Backprop.MLNet.Tasks;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet;

/// <summary>
/// The training rows of an <see cref="IDataView"/> as a streaming <see cref="IBatchSource{T}"/> for <see cref="Training.Trainer"/>: one pass
/// for the statistics (<see cref="Measure"/>), then one cursor per epoch whose next rows fill the trainer's mini-batch buffer (shuffled
/// through ML.NET's <c>ShuffleRows</c> unless <see cref="MlpOptions.Shuffle"/> is off). Only that buffer (and ML.NET's shuffle pool) is in
/// memory, so data larger than memory trains; <see cref="InMemory"/> reads every row once for data that fits the shuffle pool. A row whose
/// label is missing (NaN, key 0) or infinite, or whose features are not all finite, is skipped, as ML.NET's trainers skip them.
/// </summary>
internal sealed class TrainingRows(MLContext ml, IDataView data, string featureColumn, string labelColumn, MlpTask task, MlpOptions options, int classes)
    : IBatchSource<float>, IDisposable
{
    private Reader? _reader;
    private int _epoch;

    /// <summary>The width of the feature vector.</summary>
    public int Features { get; } = ((VectorDataViewType)data.Schema[featureColumn].Type).Size;

    /// <summary>Usable rows, known once <see cref="Measure"/> has run.</summary>
    public int Count { get; private set; }

    /// <inheritdoc/>
    public int TargetWidth => 1;

    /// <inheritdoc/>
    public int Classes => classes;

    /// <summary>False: each epoch streams the rows in the cursor's order.</summary>
    public bool IsIndexed => false;

    /// <summary>Called with each batch's row count before its step (tests watch the cursor through it).</summary>
    internal Action<int>? OnBatch { get; init; }

    /// <summary>Reads every usable row once, and counts them.</summary>
    public RowStatistics Measure()
    {
        var statistics = new RowStatistics(Features);
        using var reader = new Reader(this, data);
        while (reader.Next() is { } row) statistics.Add(row, reader.Target);
        Count = checked((int)statistics.Rows);
        return statistics;
    }

    /// <summary>Every usable row, in the view's order, as a data set of raw features and targets (class indices for <see cref="Classes"/> &gt; 0).</summary>
    public Dataset<float> InMemory()
    {
        var x = new float[Count * Features];
        var y = new float[Count];
        using var reader = new Reader(this, data);
        for (int i = 0; i < Count && reader.Next() is { } row; i++)
        {
            row.CopyTo(x.AsSpan(i * Features, Features));
            y[i] = reader.Target;
        }
        return new Dataset<float>(Tensors.Tensor<float>.FromArray(x, Count, Features), Tensors.Tensor<float>.FromArray(y, Count), classes);
    }

    /// <summary>
    /// The next <paramref name="indices"/>.Length rows of epoch <paramref name="epoch"/> (a new epoch opens a new cursor, shuffled by
    /// <see cref="MlpOptions.Seed"/> + epoch); the indices themselves are not used.
    /// </summary>
    public void ReadRows(int epoch, ReadOnlySpan<int> indices, Span<float> x, Span<float> y)
    {
        if (epoch != _epoch || _reader is null)
        {
            _reader?.Dispose();
            var view = options.Shuffle ? ml.Data.ShuffleRows(data, unchecked((int)options.Seed + epoch), options.ShufflePoolSize, shuffleSource: data.CanShuffle) : data;
            (_reader, _epoch) = (new Reader(this, view), epoch);
        }
        int n = indices.Length;
        for (int i = 0; i < n; i++)
        {
            var row = _reader.Next() ?? throw new InvalidOperationException($"MLP trainer: the data view gave fewer than the {Count} usable rows it gave before.");
            row.CopyTo(x.Slice(i * Features, Features));
            y[i] = _reader.Target;
        }
        OnBatch?.Invoke(n);
    }

    /// <summary>Closes the open cursor.</summary>
    public void Dispose() => _reader?.Dispose();

    // One cursor over a view: its usable rows one at a time, dense features and target.
    private sealed class Reader : IDisposable
    {
        private readonly DataViewRowCursor _cursor;
        private readonly ValueGetter<VBuffer<float>> _getFeatures;
        private readonly Func<float> _getTarget;
        private readonly float[] _dense;
        private VBuffer<float> _vector;

        public Reader(TrainingRows rows, IDataView view)
        {
            var features = view.Schema[rows.FeatureColumn];
            var label = view.Schema[rows.LabelColumn];
            _cursor = view.GetRowCursor([features, label]);
            _getFeatures = _cursor.GetGetter<VBuffer<float>>(features);
            _getTarget = rows.Task.Target(_cursor, label);
            _dense = new float[rows.Features];
        }

        public float Target { get; private set; }

        // The next usable row's features (valid until the next call), or null at the end.
        public float[]? Next()
        {
            while (_cursor.MoveNext())
            {
                Target = _getTarget();
                if (!float.IsFinite(Target)) continue;
                _getFeatures(ref _vector);
                _vector.CopyTo(_dense);
                if (AllFinite(_dense)) return _dense;
            }
            return null;
        }

        public void Dispose() => _cursor.Dispose();

        private static bool AllFinite(ReadOnlySpan<float> values)
        {
            foreach (float v in values) if (!float.IsFinite(v)) return false;
            return true;
        }
    }

    private string FeatureColumn => featureColumn;

    private string LabelColumn => labelColumn;

    private MlpTask Task => task;
}
