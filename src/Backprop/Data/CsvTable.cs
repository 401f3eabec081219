using System.Globalization;
using Sylvan.Data.Csv;

namespace Backprop.Data;

/// <summary>The cells of a delimited text file as trimmed strings, with each row's 1-based line number; empty lines skipped.</summary>
internal sealed class CsvTable
{
    private CsvTable(string path, string separator, string[] columns, bool hasHeader, List<string[]> rows, List<int> lines)
    {
        Path = path; Separator = separator; Columns = columns; HasHeader = hasHeader; Rows = rows; Lines = lines;
    }

    /// <summary>The file as given.</summary>
    public string Path { get; }

    /// <summary>The file name, as error messages show it.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The separator used: one character, or <see cref="CsvOptions.Whitespace"/>.</summary>
    public string Separator { get; }

    /// <summary>Column names: the header's, the given ones, or "0", "1", ...</summary>
    public string[] Columns { get; }

    /// <summary>Whether the first line was a header.</summary>
    public bool HasHeader { get; }

    /// <summary>The data rows, each with <see cref="Columns"/>.Length cells.</summary>
    public List<string[]> Rows { get; }

    /// <summary>The line each row starts on (1-based, counting the header and empty lines).</summary>
    public List<int> Lines { get; }

    /// <summary>How error messages name a column: <c>column "sepal_width"</c>, or <c>column 1</c> (0-based) without a header.</summary>
    public string Describe(int column) => HasHeader ? $"column \"{Columns[column]}\"" : $"column {column}";

    /// <summary>"iris.data line 17, column "x"": where a cell is.</summary>
    public string Where(int row, int column) => $"{FileName} line {Lines[row]}, {Describe(column)}";

    /// <summary>Reads and splits the file; throws on a missing or empty file and on a row with the wrong number of fields.</summary>
    public static CsvTable Read(string path, CsvOptions options)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        return Read(path, () => new StreamReader(path), options);
    }

    /// <summary>Reads and splits the text of <paramref name="stream"/> (to its end; left open), named <paramref name="name"/> in errors.</summary>
    public static CsvTable Read(Stream stream, string name, CsvOptions options)
    {
        string text;
        using (var reader = new StreamReader(stream, leaveOpen: true)) text = reader.ReadToEnd();
        return Read(name, () => new StringReader(text), options);
    }

    private static CsvTable Read(string path, Func<TextReader> open, CsvOptions options)
    {
        string name = System.IO.Path.GetFileName(path);
        var sample = Sample(open, 50);
        if (sample.Count == 0) throw new InvalidDataException($"{path}: the file is empty (no non-empty lines).");
        string separator = options.Separator ?? Separators.Detect(sample, options.Quote)
            ?? throw new InvalidDataException($"{path}: cannot tell the separator: no comma, semicolon, tab or whitespace splits the first lines into two or more fields alike; set the separator.");

        var records = new List<string[]>();
        var lines = new List<int>();
        TextReader text = open();
        if (separator == CsvOptions.Whitespace) text = new WhitespaceRunReader(text, options.Quote);
        var csvOptions = new CsvDataReaderOptions
        {
            HasHeaders = false, Delimiter = Separators.ToChar(separator, path), Quote = options.Quote, Escape = options.Quote,
            Comment = '\0', Culture = CultureInfo.InvariantCulture, MaxBufferSize = 1 << 24,
        };
        using (var reader = CsvDataReader.Create(text, csvOptions))
        {
            int line = 1;
            try
            {
                while (reader.Read())
                {
                    var cells = new string[reader.RowFieldCount];
                    int breaks = 0;
                    for (int i = 0; i < cells.Length; i++)
                    {
                        string raw = reader.GetString(i);
                        breaks += raw.AsSpan().Count('\n');
                        cells[i] = raw.Trim();
                    }
                    if (!(cells.Length == 1 && cells[0].Length == 0)) { records.Add(cells); lines.Add(line); }
                    line += 1 + breaks;
                }
            }
            catch (CsvFormatException e)
            {
                throw new InvalidDataException($"{name} near line {line}: {e.Message}", e);
            }
        }
        if (records.Count == 0) throw new InvalidDataException($"{path}: the file is empty (no non-empty lines).");

        bool header = options.HasHeader ?? LooksLikeHeader(records, options.MissingTokens);
        int width = records[0].Length;
        for (int r = 1; r < records.Count; r++)
            if (records[r].Length != width)
                throw new InvalidDataException($"{name} line {lines[r]}: expected {width} fields (as on line {lines[0]}), got {records[r].Length}.");
        if (!header && options.ColumnNames is { } names && names.Count != width)
            throw new InvalidDataException($"{name}: {names.Count} column names are given for {width} columns.");
        string[] columns = header ? records[0] : options.ColumnNames is { } given ? [.. given]
            : [.. Enumerable.Range(0, width).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        if (header) { records.RemoveAt(0); lines.RemoveAt(0); }
        if (records.Count == 0) throw new InvalidDataException($"{path}: the file has a header but no data rows.");
        return new CsvTable(path, separator, columns, header, records, lines);
    }

    /// <summary>Up to <paramref name="count"/> non-empty lines from the start of the file.</summary>
    private static List<string> Sample(Func<TextReader> open, int count)
    {
        var lines = new List<string>();
        using var reader = open();
        while (lines.Count < count && reader.ReadLine() is { } line)
            if (line.Trim().Length > 0) lines.Add(line);
        return lines;
    }

    /// <summary>A header is a first row that is mostly non-numeric, above a row with fewer non-numeric cells.</summary>
    private static bool LooksLikeHeader(List<string[]> records, IReadOnlyList<string> missing)
    {
        int Text(string[] row) => row.Count(c => !missing.Contains(c) && !Numbers.TryParse(c, out _));
        int first = Text(records[0]);
        return first * 2 > records[0].Length && (records.Count == 1 || Text(records[1]) < first);
    }
}
