namespace Backprop.Data;

/// <summary>
/// An open table read one record at a time (a delimited text file, a Parquet file): its column names, then each record's
/// cells as numbers or trimmed text. The rules that turn records into a data set (target, dropped columns, missing cells,
/// classes) read every kind of file through it.
/// </summary>
internal abstract class RecordTable : IDisposable
{
    /// <summary>The file as given.</summary>
    public abstract string Path { get; }

    /// <summary>The file name, as error messages show it.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The separator a model records for reading text files like this one: one character, or <see cref="CsvOptions.Whitespace"/>.</summary>
    public abstract string Separator { get; }

    /// <summary>Column names: the header's, the given ones, or "0", "1", ...</summary>
    public abstract string[] Columns { get; }

    /// <summary>The number of fields of every record.</summary>
    public int Width => Columns.Length;

    /// <summary>Whether the columns have names of their own (a header line, a Parquet schema).</summary>
    public abstract bool HasHeader { get; }

    /// <summary>Whether <see cref="HasHeader"/> was detected from the first lines rather than given or known.</summary>
    public abstract bool HeaderDetected { get; }

    /// <summary>Where the current record is: its 1-based line (text) or row (Parquet).</summary>
    public abstract int Line { get; }

    /// <summary>The trimmed text of a cell of the current record.</summary>
    public abstract ReadOnlySpan<char> this[int column] { get; }

    /// <summary>Moves to the next record; false at the end.</summary>
    public abstract bool Read();

    /// <summary>The cell's number when it is one (NaN and infinities included; callers refuse them).</summary>
    public virtual bool TryNumber(int column, out double value) => Numbers.TryParse(this[column], out value);

    /// <summary>Whether the cell of the current record is missing: its text is one of <paramref name="tokens"/>.</summary>
    public virtual bool IsMissing(int column, string[] tokens)
    {
        var cell = this[column];
        foreach (string token in tokens) if (cell.SequenceEqual(token)) return true;
        return false;
    }

    /// <summary>How messages name a record's place: "line 17" or "row 17".</summary>
    public virtual string At(int line) => $"line {line}";

    /// <summary>How error messages name a column: <c>column "sepal_width"</c>, or <c>column 1</c> (0-based) without a header.</summary>
    public string Describe(int column) => HasHeader ? $"column \"{Shown(Columns[column])}\"" : $"column {column}";

    /// <summary>"iris.data line 17, column "x"": where a cell is.</summary>
    public string Where(int line, int column) => $"{FileName} {At(line)}, {Describe(column)}";

    /// <summary>A cell's text as a one-line message shows it: control characters escaped, cut after <paramref name="max"/> characters.</summary>
    public static string Shown(ReadOnlySpan<char> cell, int max = 40)
    {
        var text = new System.Text.StringBuilder();
        foreach (char c in cell[..Math.Min(cell.Length, max)])
            text.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c);
        return cell.Length > max ? text.Append('…').ToString() : text.ToString();
    }

    /// <inheritdoc/>
    public abstract void Dispose();
}
