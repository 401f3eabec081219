using System.Numerics;
using System.Text;
using System.Runtime.CompilerServices;
using Microsoft.Win32.SafeHandles;

namespace Backprop.Data;

/// <summary>
/// One byte range of a delimited text file that starts at a line start, read on its own: first counted (lines, rows, and whether
/// the byte reader can read every line), then parsed straight into its rows of the feature matrix and the target's label codes.
/// Any cell the text reader would read otherwise (text in a feature, a missing cell, NaN, a value out of range, a ragged line)
/// makes the range unreadable here: the caller then leaves the whole file to the text reader, which names the cell.
/// </summary>
internal sealed class CsvRange<T>(long start, long end) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The most distinct target labels a range keeps (as the target's own limit).</summary>
    private const int MaxLabels = 1 << 16;
    private const int CheckEvery = 4096;
    private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);
    private char[] _chars = new char[64];

    /// <summary>The number of lines (each ending at a line break, but the file's last).</summary>
    public int LineCount { get; private set; }

    /// <summary>The number of rows (non-empty lines).</summary>
    public int Rows { get; private set; }

    /// <summary>Each row's line, counted from 1 at the range's start.</summary>
    public LineRuns Lines { get; } = new();

    /// <summary>The distinct target labels, by code.</summary>
    public List<string> Labels { get; } = [];

    /// <summary>Counts lines and rows; false when a line is not the byte reader's (or <paramref name="stopped"/> says another range failed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Count(SafeFileHandle file, CsvLayout layout, Func<bool> stopped)
    {
        using var lines = new ByteLines(file, start, end);
        while (lines.Next(out var line))
        {
            if (++LineCount % CheckEvery == 0 && stopped()) return false;
            if (!layout.Reads(line)) return false;
            if (!layout.IsBlank(line)) Rows++;
        }
        return !lines.TooLong;
    }

    /// <summary>
    /// Parses the rows into <paramref name="x"/> [rows, features] from row <paramref name="first"/> on, and the target's label codes into
    /// <paramref name="codes"/>; false at a cell the byte reader leaves to the text reader.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Parse(SafeFileHandle file, CsvLayout layout, T[] x, int[]? codes, int first, Func<bool> stopped)
    {
        using var lines = new ByteLines(file, start, end);
        int row = first, lineNumber = 0;
        while (lines.Next(out var line))
        {
            if (++lineNumber % CheckEvery == 0 && stopped()) return false;
            if (layout.IsBlank(line)) continue;
            if (!ParseRow(line, layout, x.AsSpan(row * layout.Features, layout.Features), codes, row)) return false;
            Lines.Add(lineNumber);
            row++;
        }
        return !lines.TooLong && row - first == Rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ParseRow(ReadOnlySpan<byte> line, CsvLayout layout, Span<T> values, int[]? codes, int row)
    {
        var roles = layout.Roles;
        int field = 0;
        while (true)
        {
            int cut = line.IndexOf(layout.Delimiter);
            if (field == roles.Length) return false; // more fields than the first line
            var cell = CsvLayout.Trim(cut < 0 ? line : line[..cut]);
            int role = roles[field++];
            if (role >= 0)
            {
                if (!Utf8Numbers.TryParse(cell, out double v) || !double.IsFinite(v)) return false;
                T value = T.CreateTruncating(v);
                if (!T.IsFinite(value)) return false;
                values[role] = value;
            }
            else if (role == CsvLayout.Target)
            {
                int code = Code(cell, layout);
                if (code < 0) return false;
                codes![row] = code;
            }
            if (cut < 0) return field == roles.Length;
            line = line[(cut + 1)..];
        }
    }

    // The code of a target label (new labels are added); -1 for a missing-value token, or one label too many.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Code(ReadOnlySpan<byte> cell, CsvLayout layout)
    {
        if (_chars.Length < cell.Length) _chars = new char[Math.Max(cell.Length, _chars.Length * 2)];
        Ascii.ToUtf16(cell, _chars, out int length);
        var text = _chars.AsSpan(0, length);
        var lookup = _codeOf.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out int code)) return code;
        foreach (string token in layout.Tokens) if (text.SequenceEqual(token)) return -1;
        if (Labels.Count == MaxLabels) return -1;
        string label = text.ToString();
        Labels.Add(label);
        _codeOf[label] = Labels.Count - 1;
        return Labels.Count - 1;
    }
}
