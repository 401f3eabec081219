using System.Globalization;
using Backprop.Errors;
using Sylvan.Data.Csv;

namespace Backprop.Data;

/// <summary>
/// An open delimited text file: its separator, whether it has a header, its column names, and then its records one at a
/// time as trimmed cells with the line each starts on (empty lines skipped). Records are streamed, never all held as text.
/// </summary>
internal sealed class CsvTable : RecordTable
{
    private const int SampleLines = 50, SampleChars = 1 << 20, MaxRecordChars = 1 << 24;

    /// <summary>The most fields a line may have: the parser's time per record grows faster than its field count.</summary>
    public const int MaxColumns = 1 << 16;
    private readonly CsvDataReader _reader;
    private readonly Queue<(string[] Cells, int Line)> _ahead;
    private string[]? _held;
    private int _nextLine = 1, _firstLine, _line;

    private CsvTable(string path, string separator, CsvDataReader reader, CsvOptions options, bool isFile)
    {
        Path = path; Separator = separator; _reader = reader; IsFile = isFile; Quote = options.Quote;
        _ahead = new Queue<(string[], int)>();
        for (int i = 0; i < 2 && NextRecord() is { } record; i++) _ahead.Enqueue(record);
        if (_ahead.Count == 0) throw BackpropException.BadInput($"{path}: the file is empty (no non-empty lines).");
        var first = _ahead.Peek();
        (int width, _firstLine) = (first.Cells.Length, first.Line);
        HeaderDetected = options.HasHeader is null;
        HasHeader = options.HasHeader ?? LooksLikeHeader([.. _ahead.Select(r => r.Cells)], options.MissingTokens);
        if (!HasHeader && options.ColumnNames is { } names && names.Count != width)
            throw BackpropException.BadSetting($"{FileName}: {names.Count} column names are given for {width} columns.");
        Columns = HasHeader ? _ahead.Dequeue().Cells : options.ColumnNames is { } given ? [.. given]
            : [.. Enumerable.Range(0, width).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        if (HasHeader && _ahead.Count == 0) throw BackpropException.BadInput($"{path}: the file has a header but no data rows.");
        FirstDataLine = _ahead.Peek().Line;
    }

    /// <summary>Whether <see cref="Path"/> is the regular file read (not a name standing for a stream): it can then be read again in parts.</summary>
    public bool IsFile { get; }

    /// <summary>The quote character.</summary>
    public char Quote { get; }

    /// <summary>The line of the first data record (after the header and empty lines).</summary>
    public int FirstDataLine { get; }

    /// <summary>The data records read ahead (trimmed cells), before any <see cref="Read"/>: a sample of the first rows.</summary>
    public IEnumerable<string[]> Sample => _ahead.Select(r => r.Cells);

    /// <inheritdoc/>
    public override string Path { get; }

    /// <summary>The separator used: one character, or <see cref="CsvOptions.Whitespace"/>.</summary>
    public override string Separator { get; }

    /// <inheritdoc/>
    public override string[] Columns { get; }

    /// <summary>Whether the first line was a header.</summary>
    public override bool HasHeader { get; }

    /// <inheritdoc/>
    public override bool HeaderDetected { get; }

    /// <summary>The line the current record starts on (1-based, counting the header and empty lines).</summary>
    public override int Line => _line;

    /// <inheritdoc/>
    public override ReadOnlySpan<char> this[int column] => _held is { } held ? held[column] : _reader.GetFieldSpan(column).Trim();

    /// <summary>Opens a file (a regular file only) and reads its first records to find the separator and header.</summary>
    public static CsvTable Open(string path, CsvOptions options)
    {
        var text = new Utf8TextReader(InputFile.OpenRead(path, "a data file"), System.IO.Path.GetFileName(path), leaveOpen: false);
        try { return Open(path, text, options, isFile: true); }
        catch { text.Dispose(); throw; }
    }

    /// <summary>Opens the text of <paramref name="stream"/> (left open), named <paramref name="name"/> in errors.</summary>
    public static CsvTable Open(Stream stream, string name, CsvOptions options) =>
        Open(name, new Utf8TextReader(stream, System.IO.Path.GetFileName(name), leaveOpen: true), options, isFile: false);

    private static CsvTable Open(string path, Utf8TextReader text, CsvOptions options, bool isFile)
    {
        string name = System.IO.Path.GetFileName(path);
        var sample = text.Preview(SampleChars, SampleLines).Split('\n').Where(l => l.Trim().Length > 0).Take(SampleLines).ToList();
        string separator = options.Separator ?? (sample.Count == 0 ? "," : Separators.Detect(sample, options.Quote))
            ?? throw BackpropException.BadInput($"{path}: cannot tell the separator: no comma, semicolon, tab or whitespace splits the first lines into two or more fields alike; set the separator.");
        char delimiter = Separators.ToChar(separator, name, options.Quote);
        text.LimitFields(separator == CsvOptions.Whitespace ? ' ' : delimiter, MaxColumns);
        TextReader source = separator == CsvOptions.Whitespace ? new WhitespaceRunReader(text, options.Quote) : text;
        var csvOptions = new CsvDataReaderOptions
        {
            HasHeaders = false, Delimiter = delimiter, Quote = options.Quote, Escape = options.Quote,
            Comment = '\0', Culture = CultureInfo.InvariantCulture, MaxBufferSize = MaxRecordChars, OwnsReader = true,
        };
        CsvDataReader reader;
        try { reader = CsvDataReader.Create(source, csvOptions); }
        catch (Exception e) when (e is CsvFormatException or FormatException) { throw Malformed(name, 1, e); }
        try { return new CsvTable(path, separator, reader, options, isFile); }
        catch { reader.Dispose(); throw; }
    }

    /// <summary>Moves to the next data record; false at the end. A record with another number of fields than the first is an error naming its line.</summary>
    public override bool Read()
    {
        if (_ahead.TryDequeue(out var record)) (_held, _line) = record;
        else
        {
            _held = null;
            if (!NextRaw()) return false;
        }
        int fields = _held?.Length ?? _reader.RowFieldCount;
        if (fields != Width)
            throw BackpropException.BadInput($"{FileName} line {Line}: expected {Width} fields (as on line {_firstLine}), got {fields}.");
        return true;
    }

    /// <summary>The next non-empty record as trimmed strings (for the first records only).</summary>
    private (string[] Cells, int Line)? NextRecord()
    {
        if (!NextRaw()) return null;
        var cells = new string[_reader.RowFieldCount];
        for (int i = 0; i < cells.Length; i++) cells[i] = _reader.GetFieldSpan(i).Trim().ToString();
        return (cells, Line);
    }

    /// <summary>Advances the parser to the next non-empty record, setting <see cref="Line"/>.</summary>
    private bool NextRaw()
    {
        try
        {
            while (_reader.Read())
            {
                _line = _nextLine;
                int breaks = 0;
                for (int i = 0; i < _reader.RowFieldCount; i++) breaks += _reader.GetFieldSpan(i).Count('\n');
                _nextLine += 1 + breaks;
                if (!(_reader.RowFieldCount == 1 && _reader.GetFieldSpan(0).Trim().Length == 0)) return true;
            }
            return false;
        }
        catch (Exception e) when (e is CsvFormatException or FormatException) { throw Malformed(FileName, _nextLine, e); }
    }

    private static BackpropException Malformed(string name, int line, Exception e) => BackpropException.BadInput(e is CsvRecordTooLargeException
        ? $"{name} near line {line}: a record of more than {MaxRecordChars} characters; this does not look like a delimited text file."
        : $"{name} near line {line}: malformed quoting (a quote inside an unquoted field, or a quoted field that does not end).", e);

    /// <summary>
    /// A header is a first row that is mostly plain text (not numbers, ISO dates or true/false), above a row with fewer such cells; or,
    /// in a table of text, a first row of distinct texts none of which is repeated in the row below.
    /// </summary>
    private static bool LooksLikeHeader(List<string[]> records, IReadOnlyList<string> missing)
    {
        int Text(string[] row) => row.Count(c => !missing.Contains(c) && !Numbers.TryParse(c, out _) && !Preprocessing.IsoDates.TryParse(c, out _)
            && Preprocessing.Encoders.BooleanEncoder.ValueOf(c) is null);
        var (head, width) = (records[0], records[0].Length);
        int first = Text(head);
        if (first * 2 > width && (records.Count == 1 || Text(records[1]) < first)) return true;
        return records.Count > 1 && first == width && head.Distinct(StringComparer.Ordinal).Count() == width
            && Enumerable.Range(0, width).All(i => records[1][i] != head[i]);
    }

    /// <inheritdoc/>
    public override void Dispose() => _reader.Dispose();
}
