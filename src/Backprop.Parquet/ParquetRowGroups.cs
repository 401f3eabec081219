using System.Numerics;
using Backprop.Data;
using Backprop.Errors;

namespace Backprop.Parquet;

/// <summary>
/// A Parquet file as a streaming <see cref="IBatchSource{T}"/> for <see cref="Training.Trainer.Fit{T}"/>: each epoch reads the file's row
/// groups in order, and only one row group's rows are in memory at a time (read by the rules of <see cref="ParquetTable"/>, with the
/// columns, target and class indices of <see cref="Schema"/>), so a file larger than memory trains. The rows come in the file's order:
/// write the file shuffled, or train with <see cref="Training.TrainOptions.Shuffle"/> off knowing the order is the file's. Missing cells
/// are refused (<see cref="MissingValues.Error"/>): a source that reads each row once cannot drop rows (an epoch's row count is the
/// footer's) nor impute the file's means.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class ParquetRowGroups<T> : IBatchSource<T>, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string _path;
    private readonly CsvOptions _options;
    private ParquetRecords? _records;
    private Dataset<T>? _group;
    private int _epoch, _next;

    private ParquetRowGroups(string path, TabularSchema schema, CsvOptions options)
    {
        (_path, Schema, _options) = (path, schema, options);
        using var records = ParquetRecords.Open(path);
        Count = records.Rows;
    }

    /// <summary>
    /// Opens <paramref name="path"/> with the columns, task and classes <paramref name="schema"/> describes (a sample of the data loaded by
    /// <see cref="ParquetTable.Load{T}(string, CsvOptions?)"/>, or a model's). The footer is read now; the rows as training asks for them.
    /// </summary>
    /// <exception cref="BackpropException">The file cannot be read as Parquet (<see cref="ErrorKind.Input"/>), or <paramref name="options"/>
    /// asks to drop or impute missing cells (<see cref="ErrorKind.Setting"/>).</exception>
    public static ParquetRowGroups<T> Open(string path, TabularSchema schema, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        options ??= new CsvOptions();
        if (options.Missing != MissingValues.Error)
            throw BackpropException.BadSetting($"{Path.GetFileName(path)}: a Parquet file read by row group refuses missing cells; missing values {options.Missing} needs the whole file (ParquetTable.Load).");
        return new ParquetRowGroups<T>(path, schema, options);
    }

    /// <summary>The columns, task and classes the rows are read with.</summary>
    public TabularSchema Schema { get; }

    /// <summary>The file's rows (every row group's).</summary>
    public int Count { get; }

    /// <inheritdoc/>
    public int Features => Schema.FeatureNames.Count;

    /// <inheritdoc/>
    public int TargetWidth => 1;

    /// <inheritdoc/>
    public int Classes => Schema.ClassNames?.Count ?? 0;

    /// <summary>The rows held in memory now: the current row group's.</summary>
    internal int RowsInMemory => _group?.Count ?? 0;

    /// <summary>False: each epoch streams the file's rows in order.</summary>
    public bool IsIndexed => false;

    /// <summary>
    /// The next <paramref name="indices"/>.Length rows of epoch <paramref name="epoch"/>, reading the next row group when the current one
    /// is used up; a new epoch starts again at the file's first row. The indices themselves are not used.
    /// </summary>
    public void ReadRows(int epoch, ReadOnlySpan<int> indices, Span<T> x, Span<T> y)
    {
        if (epoch != _epoch || _records is null) Restart(epoch);
        for (int i = 0; i < indices.Length; i++)
        {
            if (_group is null || _next == _group.Count) NextGroup();
            int f = Features;
            _group!.X.Span.Slice(_next * f, f).CopyTo(x.Slice(i * f, f));
            y[i] = _group.Y.Span[_next++];
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _records?.Dispose();
        _records = null;
    }

    private void Restart(int epoch)
    {
        Dispose();
        _records = ParquetRecords.Open(_path);
        _records.OneRowGroupAtATime = true;
        (_epoch, _group, _next) = (epoch, null, 0);
    }

    private void NextGroup()
    {
        if (_group is not null && !_records!.NextRowGroup())
            throw BackpropException.BadInput($"{Path.GetFileName(_path)}: the file ended before the {Count} rows its footer counts.");
        _group = TableLoader.Load<T>(_records!, _options, Schema).Data;
        _next = 0;
    }
}
