using System.Globalization;
using System.Numerics;
using Backprop.Data;
using Parquet;
using Parquet.Schema;

namespace Backprop.Parquet;

/// <summary>
/// One flat column of a Parquet file, read a row group at a time: numbers (integers, floats, decimals; booleans as 0 and 1)
/// as doubles with a null flag each, or strings. Its buffers are reused from one row group to the next.
/// </summary>
internal sealed class ParquetColumn
{
    private static readonly Dictionary<Type, Action<ParquetColumn, ParquetRowGroupReader, int>> Readers = new()
    {
        [typeof(double)] = (c, g, n) => c.ReadNumbers<double>(g, n), [typeof(float)] = (c, g, n) => c.ReadNumbers<float>(g, n),
        [typeof(Half)] = (c, g, n) => c.ReadNumbers<Half>(g, n), [typeof(decimal)] = (c, g, n) => c.ReadNumbers<decimal>(g, n),
        [typeof(long)] = (c, g, n) => c.ReadNumbers<long>(g, n), [typeof(ulong)] = (c, g, n) => c.ReadNumbers<ulong>(g, n),
        [typeof(int)] = (c, g, n) => c.ReadNumbers<int>(g, n), [typeof(uint)] = (c, g, n) => c.ReadNumbers<uint>(g, n),
        [typeof(short)] = (c, g, n) => c.ReadNumbers<short>(g, n), [typeof(ushort)] = (c, g, n) => c.ReadNumbers<ushort>(g, n),
        [typeof(sbyte)] = (c, g, n) => c.ReadNumbers<sbyte>(g, n), [typeof(byte)] = (c, g, n) => c.ReadNumbers<byte>(g, n),
        [typeof(bool)] = (c, g, n) => c.ReadBooleans(g, n), [typeof(ReadOnlyMemory<char>)] = (c, g, n) => c.ReadTexts(g, n),
    };

    private readonly DataField _field;
    private readonly Action<ParquetColumn, ParquetRowGroupReader, int> _read;
    private readonly char[] _formatted = new char[32];
    private double[] _numbers = [];
    private bool[] _nulls = [];
    private ReadOnlyMemory<char>[] _texts = [];
    private int[] _levels = [];

    private ParquetColumn(DataField field, Action<ParquetColumn, ParquetRowGroupReader, int> read) => (_field, _read) = (field, read);

    /// <summary>Whether the column holds strings.</summary>
    public bool IsText => _field.ClrType == typeof(ReadOnlyMemory<char>);

    /// <summary>
    /// A reader for the top-level <paramref name="field"/>, or null when it is not a flat column of numbers, booleans or strings;
    /// <paramref name="kind"/> then says what it is ("a list", "a struct", "DateTime values").
    /// </summary>
    public static ParquetColumn? For(Field field, out string kind)
    {
        kind = field.SchemaType switch { SchemaType.List => "a list", SchemaType.Map => "a map", SchemaType.Struct => "a struct", _ => "" };
        if (field is not DataField data) return null;
        if (data.IsArray) { kind = "a list"; return null; }
        kind = $"{data.ClrType.Name} values";
        return Readers.TryGetValue(data.ClrType, out var read) ? new ParquetColumn(data, read) : null;
    }

    /// <summary>Reads the column's <paramref name="rows"/> cells in <paramref name="group"/> (Parquet.Net's exceptions pass through).</summary>
    public void Load(ParquetRowGroupReader group, int rows)
    {
        if (_nulls.Length < rows) (_numbers, _nulls, _texts) = ([], new bool[rows], []);
        _read(this, group, rows);
    }

    /// <summary>Whether the cell in <paramref name="row"/> is null.</summary>
    public bool IsNull(int row) => _nulls[row];

    /// <summary>The number in <paramref name="row"/>: a numeric cell's value, or a string cell's text read as a number.</summary>
    public bool TryNumber(int row, out double value)
    {
        if (IsText) return Numbers.TryParse(Text(row), out value);
        value = _numbers[row];
        return !_nulls[row];
    }

    /// <summary>The cell's text: a string trimmed, a number in its shortest round-trip form, a null as empty.</summary>
    public ReadOnlySpan<char> Text(int row)
    {
        if (_nulls[row]) return [];
        if (IsText) return _texts[row].Span.Trim();
        // A float or half is written as its own shortest form (0.1f as "0.1", as a CSV would hold it), not its widened double's.
        return _formatted.AsSpan(0, Format(_field.ClrType, _numbers[row], _formatted));
    }

    /// <summary>Writes a number of a column of <paramref name="type"/> as <see cref="Text"/> shows it; the characters written.</summary>
    public static int Format(Type type, double number, Span<char> into)
    {
        int written;
        if (type == typeof(float)) ((float)number).TryFormat(into, out written, "R", CultureInfo.InvariantCulture);
        else if (type == typeof(Half)) ((Half)number).TryFormat(into, out written, "R", CultureInfo.InvariantCulture);
        else number.TryFormat(into, out written, "R", CultureInfo.InvariantCulture);
        return written;
    }

    private void ReadNumbers<TValue>(ParquetRowGroupReader group, int rows) where TValue : struct, INumberBase<TValue> =>
        Read<TValue>(group, rows, v => double.CreateTruncating(v));

    private void ReadBooleans(ParquetRowGroupReader group, int rows) => Read<bool>(group, rows, v => v ? 1 : 0);

    // A required column is read into plain values: Parquet.Net 6.1.0, reading one into nullable values, was seen to make cells null
    // (and shift the others down) at the rows where the column read before it held negative integers.
    private void Read<TValue>(ParquetRowGroupReader group, int rows, Func<TValue, double> number) where TValue : struct
    {
        if (_numbers.Length < rows) _numbers = new double[rows];
        if (!_field.IsNullable)
        {
            var values = new TValue[rows];
            group.ReadAsync<TValue>(_field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < rows; i++) (_numbers[i], _nulls[i]) = (number(values[i]), false);
            return;
        }
        var cells = new TValue?[rows];
        group.ReadAsync<TValue>(_field, cells.AsMemory()).AsTask().GetAwaiter().GetResult();
        for (int i = 0; i < rows; i++) (_numbers[i], _nulls[i]) = cells[i] is { } v ? (number(v), false) : (double.NaN, true);
    }

    // Strings as Parquet.Net decodes them, not copied per row: rows that share a dictionary entry share its memory, so one long
    // entry repeated over a million rows stays one string. An optional column's values come packed, its levels saying which
    // rows they fill (a level other than the column's maximum is a null).
    private void ReadTexts(ParquetRowGroupReader group, int rows)
    {
        if (_texts.Length < rows) (_texts, _levels) = (new ReadOnlyMemory<char>[rows], new int[rows]);
        Array.Clear(_texts, 0, rows); // nothing of an earlier row group is left where this one has fewer values
        Array.Clear(_levels, 0, rows);
        int top = _field.MaxDefinitionLevel;
        // Parquet.Net 6.1 wants a buffer of levels even for a required column (it has none to read): without one it refuses the file.
        group.ReadRawAsync(_field, _texts.AsMemory(0, rows), _levels.AsMemory(0, rows), null).AsTask().GetAwaiter().GetResult();
        if (top == 0) { Array.Clear(_nulls, 0, rows); return; }
        int packed = _levels.AsSpan(0, rows).Count(top);
        for (int row = rows - 1; row >= 0; row--)
            _texts[row] = (_nulls[row] = _levels[row] != top) ? default : _texts[--packed];
    }
}
