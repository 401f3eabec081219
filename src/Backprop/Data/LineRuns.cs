using System.Collections;

namespace Backprop.Data;

/// <summary>
/// The 1-based line of each kept row of a file, held as runs of consecutive lines (a row per line is one run whatever the
/// length), so that memory grows with the gaps (a header, empty lines, dropped rows, multi-line records), not with the rows.
/// </summary>
internal sealed class LineRuns : IReadOnlyList<int>
{
    private readonly List<int> _firstRow = [], _firstLine = [];
    private int _lastLine = int.MinValue;

    /// <summary>Appends the line of the next row.</summary>
    public void Add(int line)
    {
        if (Count == 0 || line != _lastLine + 1) { _firstRow.Add(Count); _firstLine.Add(line); }
        _lastLine = line;
        Count++;
    }

    /// <summary>Appends the rows of <paramref name="part"/>, each line moved on by <paramref name="shift"/> (a part of a file read on its own).</summary>
    public void Append(LineRuns part, int shift)
    {
        for (int run = 0; run < part._firstRow.Count; run++)
        {
            int rows = (run + 1 < part._firstRow.Count ? part._firstRow[run + 1] : part.Count) - part._firstRow[run];
            int line = part._firstLine[run] + shift;
            if (Count == 0 || line != _lastLine + 1) { _firstRow.Add(Count); _firstLine.Add(line); }
            _lastLine = line + rows - 1;
            Count += rows;
        }
    }

    /// <summary>The number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>The line of row <paramref name="index"/>.</summary>
    public int this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int run = _firstRow.BinarySearch(index);
            if (run < 0) run = ~run - 1;
            return _firstLine[run] + index - _firstRow[run];
        }
    }

    /// <inheritdoc/>
    public IEnumerator<int> GetEnumerator()
    {
        for (int run = 0; run < _firstRow.Count; run++)
        {
            int end = run + 1 < _firstRow.Count ? _firstRow[run + 1] : Count;
            for (int row = _firstRow[run]; row < end; row++) yield return _firstLine[run] + row - _firstRow[run];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
