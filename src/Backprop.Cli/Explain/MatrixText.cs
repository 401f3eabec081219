using Backprop.Tensors;

namespace Backprop.Cli.Explain;

/// <summary>Matrices as aligned rows of numbers for the terminal, eliding the middle of long axes.</summary>
internal static class MatrixText
{
    /// <summary>Rows and columns shown before eliding the middle.</summary>
    public const int MaxShown = 8;

    /// <summary>One line per row, <c>[ 0.5  -0.12 ]</c>, columns right-aligned; a vector is one row; with <paramref name="full"/> nothing is elided.</summary>
    public static IReadOnlyList<string> Lines(Tensor<double> value, bool full = false)
    {
        int rows = value.Rank == 2 ? value.Shape[0] : 1, columns = value.Rank == 0 ? 1 : value.Shape[value.Rank - 1];
        var shownRows = full ? [.. Enumerable.Range(0, rows)] : Shown(rows);
        var shownColumns = full ? [.. Enumerable.Range(0, columns)] : Shown(columns);
        var cells = shownRows.Select(r => shownColumns.Select(c => r < 0 || c < 0 ? "…" : Numbers.Short(value.Span[r * columns + c])).ToArray()).ToArray();
        var widths = shownColumns.Select((_, c) => cells.Max(row => row[c].Length)).ToArray();
        return [.. cells.Select(row => "[ " + string.Join("  ", row.Select((cell, c) => cell.PadLeft(widths[c]))) + " ]")];
    }

    // Indices shown along an axis: all, or the first and last few with -1 standing for the elided middle.
    private static int[] Shown(int count) => count <= MaxShown ? [.. Enumerable.Range(0, count)]
        : [.. Enumerable.Range(0, MaxShown / 2), -1, .. Enumerable.Range(count - MaxShown / 2, MaxShown / 2)];
}
