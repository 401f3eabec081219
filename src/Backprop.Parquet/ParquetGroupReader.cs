using System.Numerics;
using Backprop.Data;
using Parquet;
using Parquet.Schema;

namespace Backprop.Parquet;

/// <summary>
/// One worker of <see cref="ParquetNumbers"/>: its own <see cref="ParquetFile"/> (opened on first use, the budgets shared), reading
/// whole row groups with Parquet.Net's column API into their slice of the feature matrix, and their target cells as codes into the
/// row group's labels. Each read says false (nothing to report) at anything the record reader would treat otherwise: a null,
/// a value not finite or beyond <typeparamref name="T"/>, a label that is a missing-value token or not UTF-8, any failure.
/// </summary>
internal sealed class ParquetGroupReader<T>(string path, ByteBudget reads, ByteBudget decompressed) : IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // How each column type is read into doubles (null cells refused), as ParquetColumn reads it: float, double, int32, int64.
    private static readonly Dictionary<Type, Func<ParquetGroupReader<T>, ParquetRowGroupReader, DataField, int, double[]?>> Readers = new()
    {
        [typeof(float)] = (w, r, f, n) => w.Numbers<float>(r, f, n), [typeof(double)] = (w, r, f, n) => w.Numbers<double>(r, f, n),
        [typeof(int)] = (w, r, f, n) => w.Numbers<int>(r, f, n), [typeof(long)] = (w, r, f, n) => w.Numbers<long>(r, f, n),
    };

    private readonly Dictionary<Type, Array> _buffers = []; // reused from one row group to the next, one a value type
    private double[] _numbers = [];
    private ParquetFile? _file;

    /// <summary>Whether a column of <paramref name="field"/> is read as numbers here.</summary>
    public static bool ReadsNumbers(Field field) => field is DataField { IsArray: false } data && Readers.ContainsKey(data.ClrType);

    /// <summary>Whether a column of <paramref name="field"/> is read as labels here (strings).</summary>
    public static bool ReadsLabels(Field field) => field is DataField { IsArray: false } data && data.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>
    /// Reads row group <paramref name="group"/> (<paramref name="rows"/> rows, the first at row <paramref name="first"/> of the file): the
    /// <paramref name="features"/> into <paramref name="x"/> [rows of the file, features], the target's codes into <paramref name="codes"/>
    /// and its distinct labels, in order of first use, into <paramref name="labels"/>.
    /// </summary>
    public bool Read(int group, int rows, int first, DataField[] features, DataField target, T[] x, int[] codes, List<string> labels, string[] missingTokens)
    {
        _file ??= ParquetFile.Open(path, reads, decompressed);
        using var reader = _file.Reader.OpenRowGroupReader(group);
        int f = features.Length;
        for (int k = 0; k < f; k++)
        {
            if (Column(reader, features[k], rows) is not { } values) return false;
            for (int i = 0; i < rows; i++)
            {
                T value = T.CreateTruncating(values[i]);
                if (!double.IsFinite(values[i]) || !T.IsFinite(value)) return false; // the record reader names the cell
                x[(long)(first + i) * f + k] = value;
            }
        }
        return ReadsLabels(target) ? Labels(reader, target, rows, codes.AsSpan(first, rows), labels, missingTokens)
            : NumberLabels(reader, target, rows, codes.AsSpan(first, rows), labels);
    }

    // The column's cells as doubles, read behind the page check; null on a null cell (or its possibility in a required column).
    private double[]? Column(ParquetRowGroupReader reader, DataField field, int rows) =>
        Checked(reader, field, () => Readers[field.ClrType](this, reader, field, rows));

    private TResult? Checked<TResult>(ParquetRowGroupReader reader, DataField field, Func<TResult?> read) where TResult : class
    {
        var chunk = ParquetRecords.Chunk(reader, field);
        if (field.MaxDefinitionLevel == 0 && chunk?.Statistics?.NullCount is > 0) return null; // the record reader calls the file corrupt
        _file!.Pages.Reading(chunk, field.MaxDefinitionLevel > 0);
        try { return read(); }
        finally { _file.Pages.Done(); }
    }

    // As ParquetColumn reads numbers: a required column into plain values, a nullable one into nullable values (the first `rows` of
    // the returned buffer are the cells).
    private double[]? Numbers<TValue>(ParquetRowGroupReader reader, DataField field, int rows) where TValue : struct, INumberBase<TValue>
    {
        if (_numbers.Length < rows) _numbers = new double[rows];
        if (!field.IsNullable)
        {
            var values = Buffer<TValue>(rows);
            reader.ReadAsync<TValue>(field, values.AsMemory(0, rows)).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) _numbers[i] = double.CreateTruncating(values[i]);
            return _numbers;
        }
        var cells = Buffer<TValue?>(rows);
        reader.ReadAsync<TValue>(field, cells.AsMemory(0, rows)).AsTask().GetAwaiter().GetResult();
        for (int i = 0; i < rows; i++)
        {
            if (cells[i] is not { } v) return null;
            _numbers[i] = double.CreateTruncating(v);
        }
        return _numbers;
    }

    private TValue[] Buffer<TValue>(int rows)
    {
        if (!_buffers.TryGetValue(typeof(TValue), out var buffer) || buffer.Length < rows) _buffers[typeof(TValue)] = buffer = new TValue[rows];
        var values = (TValue[])buffer;
        Array.Clear(values, 0, rows); // nothing of an earlier row group is left
        return values;
    }

    // A string target as ParquetColumn reads it (trimmed), each cell a code into the distinct labels.
    private bool Labels(ParquetRowGroupReader reader, DataField field, int rows, Span<int> codes, List<string> labels, string[] missingTokens)
    {
        var texts = new ReadOnlyMemory<char>[rows];
        var levels = new int[rows];
        int top = field.MaxDefinitionLevel;
        bool read = Checked(reader, field, () =>
        {
            reader.ReadRawAsync(field, texts.AsMemory(), levels.AsMemory(), null).AsTask().GetAwaiter().GetResult();
            return (object)true;
        }) is not null;
        if (!read || top > 0 && levels.AsSpan().Count(top) != rows) return false; // a null target
        var codeOf = new Dictionary<string, int>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        for (int i = 0; i < rows; i++)
        {
            var text = texts[i].Span.Trim();
            if (!codeOf.TryGetValue(text, out int code))
            {
                if (text.Contains('\uFFFD') || IsToken(text, missingTokens)) return false; // not UTF-8, or a missing cell
                codeOf[text] = code = labels.Count;
                labels.Add(text.ToString());
            }
            codes[i] = code;
        }
        return true;
    }

    // A numeric target as ParquetColumn shows it (its shortest round-trip text), each distinct value a code.
    // (Only a null is a missing number: the missing-value tokens are text.)
    private bool NumberLabels(ParquetRowGroupReader reader, DataField field, int rows, Span<int> codes, List<string> labels)
    {
        if (Column(reader, field, rows) is not { } values) return false;
        var codeOf = new Dictionary<long, int>(); // by the bits: -0 and 0 read as different labels
        Span<char> text = stackalloc char[32];
        for (int i = 0; i < rows; i++)
        {
            if (!codeOf.TryGetValue(BitConverter.DoubleToInt64Bits(values[i]), out int code))
            {
                var label = text[..ParquetColumn.Format(field.ClrType, values[i], text)];
                codeOf[BitConverter.DoubleToInt64Bits(values[i])] = code = labels.Count;
                labels.Add(label.ToString());
            }
            codes[i] = code;
        }
        return true;
    }

    private static bool IsToken(ReadOnlySpan<char> text, string[] tokens)
    {
        foreach (string token in tokens) if (text.SequenceEqual(token)) return true;
        return false;
    }

    /// <inheritdoc/>
    public void Dispose() => _file?.Dispose();
}
