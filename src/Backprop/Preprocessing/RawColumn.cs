using Backprop.Data;

namespace Backprop.Preprocessing;

/// <summary>
/// The raw cells of one feature column over the kept rows of a table, as they were read: a number (NaN for text or missing), a text
/// label's code (while there are at most <see cref="MaxLabels"/> distinct labels) and, while every text is an ISO 8601 date, the date.
/// Encoders are fitted on some of its rows and applied to all of them.
/// </summary>
internal sealed class RawColumn
{
    /// <summary>The most distinct text labels kept; past them a column cannot be one-hot encoded.</summary>
    public const int MaxLabels = 1 << 16;

    // kept in their chunks (never copied into one array: a column of numbers costs 8 bytes a cell and a bit)
    private readonly AppendBuffer<double> _numbers = new();
    private readonly List<ulong> _missing = []; // a bit per row
    private AppendBuffer<int>? _codes;
    private AppendBuffer<long>? _ticks = new();
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);

    public RawColumn(string name, int index) => (Name, Index) = (name, index);

    /// <summary>The column's name (header, given, or its index).</summary>
    public string Name { get; }

    /// <summary>Its 0-based index in the file.</summary>
    public int Index { get; }

    /// <summary>Rows read.</summary>
    public int Count { get; private set; }

    /// <summary>Cells that were numbers / text / missing.</summary>
    public int NumberCells { get; private set; }

    /// <inheritdoc cref="NumberCells"/>
    public int TextCells { get; private set; }

    /// <inheritdoc cref="NumberCells"/>
    public int MissingCells { get; private set; }

    /// <summary>Text cells that were ISO 8601 dates.</summary>
    public int IsoDateCells { get; private set; }

    /// <summary>The row and text of the first text cell, of the first text cell that is not an ISO date, and of the first ISO date.</summary>
    public (int Row, string Text)? FirstText { get; private set; }

    /// <inheritdoc cref="FirstText"/>
    public (int Row, string Text)? FirstNonDate { get; private set; }

    /// <inheritdoc cref="FirstText"/>
    public (int Row, string Text)? FirstDate { get; private set; }

    /// <summary>Whether there were more than <see cref="MaxLabels"/> distinct labels (codes are then not kept).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The distinct labels, by code (numbers as their shortest round-trip text).</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>Adds a missing cell.</summary>
    public void AddMissing()
    {
        while (_missing.Count <= Count >> 6) _missing.Add(0);
        _missing[Count >> 6] |= 1UL << (Count & 63);
        _numbers.Add(double.NaN); _codes?.Add(-1); _ticks?.Add(0);
        MissingCells++; Count++;
    }

    /// <summary>Adds a number cell.</summary>
    public void AddNumber(double value)
    {
        _numbers.Add(value);
        if (_codes is not null) AddCode(Numbers.Format(value));
        _ticks = null;
        NumberCells++; Count++;
    }

    /// <summary>Adds a text cell (not a number).</summary>
    public void AddText(ReadOnlySpan<char> cell)
    {
        string text = cell.ToString();
        FirstText ??= (Count, text);
        if (_codes is null && !Overflowed) StartCodes();
        if (_codes is not null) AddCode(text);
        if (IsoDates.TryParse(cell, out var date)) { IsoDateCells++; FirstDate ??= (Count, text); _ticks?.Add(date.Ticks); }
        else { FirstNonDate ??= (Count, text); _ticks = null; }
        _numbers.Add(double.NaN);
        TextCells++; Count++;
    }

    // Codes for the rows so far: their numbers as labels, missing cells as -1.
    private void StartCodes()
    {
        _codes = new AppendBuffer<int>();
        for (int i = 0; i < _numbers.Count && _codes is not null; i++)
            if (IsMissing(i)) _codes.Add(-1);
            else AddCode(Numbers.Format(_numbers[i]));
    }

    private void AddCode(string label)
    {
        if (!_codeOf.TryGetValue(label, out int code))
        {
            if (_labels.Count == MaxLabels) { Overflowed = true; _codes = null; _labels.Clear(); _codeOf.Clear(); return; }
            code = _labels.Count;
            _labels.Add(label);
            _codeOf[label] = code;
        }
        _codes!.Add(code);
    }

    /// <summary>Ends reading.</summary>
    public void Finish()
    {
        if (TextCells == 0) _ticks = null;
    }

    /// <summary>Whether the cell of <paramref name="row"/> was missing.</summary>
    public bool IsMissing(int row) => (row >> 6) < _missing.Count && (_missing[row >> 6] >> (row & 63) & 1) != 0;

    /// <summary>The number of <paramref name="row"/> (NaN for a text or missing cell).</summary>
    public double Number(int row) => _numbers[row];

    /// <summary>The number of <paramref name="row"/>, a <c>true</c>/<c>false</c> text as 1/0 (a 0/1 label); NaN when missing or other text.</summary>
    public double NumberOrBoolean(int row) => IsMissing(row) ? double.NaN
        : !double.IsNaN(Number(row)) ? Number(row) : Numbers.TryParseOrBoolean(Text(row), out double value) ? value : double.NaN;

    /// <summary>The label of <paramref name="row"/> (a number as its shortest text), or null when missing.</summary>
    public string? Text(int row) => IsMissing(row) ? null
        : _codes is { } codes ? _labels[codes[row]] : Numbers.Format(_numbers[row]);

    /// <summary>Whether each row's label has a code into <see cref="Labels"/> (<see cref="Code"/>); false for numbers only, or too many labels.</summary>
    public bool HasCodes => _codes is not null;

    /// <summary>The code of <paramref name="row"/>'s label into <see cref="Labels"/>, -1 when missing (only when <see cref="HasCodes"/>).</summary>
    public int Code(int row) => _codes![row];

    /// <summary>Whether every text cell is an ISO date (and there is at least one): <see cref="Date"/> then reads them.</summary>
    public bool AllDates => _ticks is not null;

    /// <summary>The date of <paramref name="row"/>, when <see cref="AllDates"/> and the cell is not missing.</summary>
    public DateTime Date(int row) => new(_ticks![row]);
}
