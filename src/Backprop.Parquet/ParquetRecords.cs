using Backprop.Data;
using Backprop.Errors;
using Parquet;
using Parquet.Schema;

namespace Backprop.Parquet;

/// <summary>
/// An open Parquet file read one row at a time: the top-level fields are the columns; a row group is read when the rows
/// reach it, and of it only the columns asked for. A null cell is missing. Every error names the file; Parquet.Net's
/// exceptions on a file that is not Parquet, truncated or corrupt become <see cref="BackpropException"/>.
/// </summary>
internal sealed class ParquetRecords : RecordTable
{
    /// <summary>Cells read over the whole file are at most this many plus <see cref="CellsPerByte"/> per byte of the file.</summary>
    internal const long FreeCells = 1 << 23, CellsPerByte = 64;

    /// <summary>The longest column name read.</summary>
    public const int MaxNameChars = 4096;

    private readonly ParquetFile _file;
    private readonly Field[] _fields;
    private readonly ParquetColumn?[] _columns;
    private readonly int[] _loadedIn;
    private ParquetRowGroupReader? _rowGroup;
    private int _group = -1, _row = -1, _groupRows, _rowsBefore;
    private long _cells;

    private ParquetRecords(string path, ParquetFile file)
    {
        (Path, _file) = (path, file);
        _fields = Call(FileName, "", () => _file.Reader.Schema.Fields.ToArray());
        Columns = [.. _fields.Select(f => f.Name)];
        if (Width == 0) throw BackpropException.BadInput($"{FileName}: the Parquet file has no columns.");
        CheckNames();
        _columns = new ParquetColumn?[Width];
        _loadedIn = [.. Enumerable.Repeat(-1, Width)];
        long rows = 0;
        foreach (var (count, i) in Call(FileName, "", () => _file.Reader.RowGroups.Select(g => g.RowCount).ToArray()).Select((n, i) => (n, i)))
            if (count < 0 || (rows += count) > int.MaxValue)
                throw BackpropException.BadInput($"{FileName}: row group {i} claims {count} rows; a data file holds 0 to {int.MaxValue} rows in all (the file is corrupt, or too large to load).");
        if (rows == 0) throw BackpropException.BadInput($"{FileName}: the Parquet file has no rows.");
    }

    // Each column by its own name, of a sensible length: the model keeps the names, and finds the columns by name when it predicts.
    private void CheckNames()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < Width; i++)
        {
            if (Columns[i].Length > MaxNameChars)
                throw BackpropException.BadInput($"{FileName}: column {i + 1} has a name of {Columns[i].Length} characters (\"{Shown(Columns[i])}\"); a column name has at most {MaxNameChars}.");
            if (!seen.TryAdd(Columns[i], i))
                throw BackpropException.BadInput($"{FileName}: columns {seen[Columns[i]] + 1} and {i + 1} are both named \"{Shown(Columns[i])}\"; each column needs a name of its own.");
        }
    }

    /// <summary>Opens a Parquet file (a regular file only), checks its frame and footer, and reads the footer.</summary>
    public static ParquetRecords Open(string path)
    {
        var file = ParquetFile.Open(path);
        try { return new ParquetRecords(path, file); }
        catch { file.Dispose(); throw; }
    }

    /// <inheritdoc/>
    public override string Path { get; }

    /// <summary>A comma: a model trained on a Parquet file reads text files as comma-separated unless told otherwise.</summary>
    public override string Separator => ",";

    /// <inheritdoc/>
    public override string[] Columns { get; }

    /// <summary>True: a Parquet file names its columns.</summary>
    public override bool HasHeader => true;

    /// <inheritdoc/>
    public override bool HeaderDetected => false;

    /// <summary>The 1-based row of the current record in the file.</summary>
    public override int Line => _rowsBefore + _row + 1;

    /// <inheritdoc/>
    public override string At(int line) => $"row {line}";

    /// <inheritdoc/>
    public override ReadOnlySpan<char> this[int column] => Utf8Text(column, Column(column).Text(_row));

    // Parquet.Net decodes strings leniently: each invalid UTF-8 sequence becomes U+FFFD, so distinct byte strings would read as one
    // label. The text is refused as the CSV reader refuses invalid UTF-8 (a true U+FFFD cannot be told from one made by decoding).
    private ReadOnlySpan<char> Utf8Text(int column, ReadOnlySpan<char> text) => !text.Contains('\uFFFD') ? text
        : throw BackpropException.BadInput($"{Where(Line, column)} (row group {_group}): not UTF-8 text (\"{Shown(text)}\": invalid bytes read as U+FFFD, the replacement character); write the strings as UTF-8.");

    /// <inheritdoc/>
    public override bool TryNumber(int column, out double value) => Column(column).TryNumber(_row, out value);

    /// <summary>Whether the cell is null (or, in a string column, one of the missing-value <paramref name="tokens"/>).</summary>
    public override bool IsMissing(int column, string[] tokens)
    {
        var cells = Column(column);
        return cells.IsNull(_row) || cells.IsText && base.IsMissing(column, tokens);
    }

    /// <summary>When true, <see cref="Read"/> ends at the end of each row group; <see cref="NextRowGroup"/> moves on (a streaming reader's mode).</summary>
    public bool OneRowGroupAtATime { get; set; }

    /// <summary>The rows of every row group (the footer's counts).</summary>
    public int Rows => (int)_file.Reader.RowGroups.Sum(g => g.RowCount); // checked on opening

    /// <inheritdoc/>
    public override bool Read()
    {
        while (++_row >= _groupRows)
        {
            if (OneRowGroupAtATime && _group >= 0)
            {
                _row = _groupRows;
                return false;
            }
            if (!NextGroup()) return false;
        }
        return true;
    }

    /// <summary>In <see cref="OneRowGroupAtATime"/> mode, opens the next row group that has rows, so <see cref="Read"/> reads it; false after the last.</summary>
    public bool NextRowGroup()
    {
        while (NextGroup())
            if (_groupRows > 0) return true;
        return false;
    }

    private bool NextGroup()
    {
        _rowsBefore += _groupRows;
        (_row, _groupRows) = (-1, 0);
        _rowGroup?.Dispose();
        _rowGroup = null;
        if (_group + 1 >= _file.Reader.RowGroupCount) return false;
        _group++;
        _rowGroup = Call(FileName, $" row group {_group}", () => _file.Reader.OpenRowGroupReader(_group));
        _groupRows = (int)_rowGroup.RowCount; // checked on opening
        return true;
    }

    // The column's cells in the current row group, read on first use.
    private ParquetColumn Column(int column)
    {
        var cells = _columns[column] ??= ParquetColumn.For(_fields[column], out string kind)
            ?? throw BackpropException.BadInput($"{FileName}: {Describe(column)} holds {kind}; only flat columns of numbers, booleans and strings are read (drop it).");
        if (_loadedIn[column] == _group) return cells;
        if ((_cells += _groupRows) > FreeCells + CellsPerByte * _file.Stream.Length)
            throw BackpropException.BadInput($"{FileName}: row group {_group} claims {_groupRows} rows; with the rows before, that is more values than a Parquet file of {_file.Stream.Length} bytes holds (the file is corrupt, or compressed beyond the {CellsPerByte} values a byte this reader accepts, a guard against decompression bombs).");
        var field = _fields[column];
        var chunk = Chunk(_rowGroup!, field);
        // A required column has no definition levels: Parquet.Net would read the levels of its nulls as values, and shift the rest.
        if (field.MaxDefinitionLevel == 0 && chunk?.Statistics?.NullCount is > 0 and long nulls)
            throw BackpropException.BadInput($"{FileName} row group {_group}, {Describe(column)}: {nulls} null cell(s) in a column the schema declares required (not nullable); the file is corrupt.");
        _file.Pages.Reading(chunk, field.MaxDefinitionLevel > 0);
        try { Call(FileName, $" row group {_group}, {Describe(column)}", () => { cells.Load(_rowGroup!, _groupRows); return true; }); }
        finally { _file.Pages.Done(); }
        _loadedIn[column] = _group;
        return cells;
    }

    /// <summary>The metadata of <paramref name="field"/>'s chunk in <paramref name="group"/> as Parquet.Net finds it: the last chunk whose path, without empty parts, is the field's.</summary>
    internal static global::Parquet.Meta.ColumnMetaData? Chunk(ParquetRowGroupReader group, Field field) =>
        group.RowGroup.Columns.LastOrDefault(c => c.MetaData is { } m && new FieldPath(m.PathInSchema).Equals(field.Path))?.MetaData;

    // Runs a Parquet.Net call, its exceptions worded as a refusal of the file at `where`.
    internal static TResult Call<TResult>(string file, string where, Func<TResult> call)
    {
        try { return call(); }
        catch (Exception e) when (e is not BackpropException and not OutOfMemoryException) // out of memory is no refusal: it must show
        {
            throw BackpropException.BadInput($"{file}{where}: not a readable Parquet file ({Shown(e.Message, 200)}).", e);
        }
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _rowGroup?.Dispose();
        _file.Dispose();
    }

    /// <summary>The top-level fields, one a column.</summary>
    internal IReadOnlyList<Field> Fields => _fields;

    /// <summary>The rows of each row group (the footer's counts).</summary>
    internal int[] GroupRows => [.. _file.Reader.RowGroups.Select(g => (int)g.RowCount)]; // checked on opening
}
