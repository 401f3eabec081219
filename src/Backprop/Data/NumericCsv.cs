using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Kernels;
using Microsoft.Win32.SafeHandles;

namespace Backprop.Data;

/// <summary>
/// Reads the data lines of a delimited text file whose features are all numbers straight into the feature matrix, without a string
/// per cell: the file is cut at line starts into byte ranges read in parallel (counted, then parsed into their rows), in file order.
/// It reads only what the text reader would read the same way: the first rows must hold numbers in every feature, and any line
/// with a quote, non-ASCII or control bytes, a missing or text feature cell, NaN, a value out of range, or another number of
/// fields makes it give up (null), leaving the whole file to the text reader, which reads it, or names the cell at fault.
/// </summary>
internal static class NumericCsv
{
    private const long BytesPerRange = 1 << 25, SingleRangeBelow = 1 << 22;
    private const int RangesPerThread = 4;

    /// <summary>
    /// The rows of <paramref name="table"/> (before any record was read from it) as <see cref="CsvRows{T}.Read"/> gives them, or null
    /// when the file is not one this reader reads. <paramref name="ranges"/>: the number of byte ranges (0: by the file size and threads).
    /// </summary>
    public static CsvRows<T>? TryRead<T>(CsvTable table, int[] features, int target, CsvOptions options, int ranges = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!table.IsFile || table.Separator == CsvOptions.Whitespace || !SampleIsNumbers(table, features)) return null;
        if (options.MissingTokens.Any(token => Numbers.TryParse(token, out _))) return null; // a number could be a missing cell
        var layout = CsvLayout.Of(Separators.ToChar(table.Separator, table.FileName, table.Quote), table.Quote, table.Width, features, target, options.MissingTokens);
        if (layout is null) return null;
        try
        {
            using var file = File.OpenHandle(table.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Read<T>(file, table, layout, features, target, options, ranges);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || e is AggregateException { InnerExceptions: var inner }
            && inner.All(i => i is IOException or UnauthorizedAccessException))
        {
            return null; // the text reader meets the same trouble and names it
        }
    }

    private static CsvRows<T>? Read<T>(SafeFileHandle file, CsvTable table, CsvLayout layout, int[] features, int target, CsvOptions options, int ranges)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long length = RandomAccess.GetLength(file), start = DataStart(file, length, table.FirstDataLine);
        if (start < 0) return null;
        var parts = Split(file, start, length, ranges > 0 ? ranges : DefaultRanges(length - start)).Select(r => new CsvRange<T>(r.Start, r.End)).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, ComputeSettings.Threads) };
        if (!Parallel.For(0, parts.Length, parallel, (i, state) => { if (!parts[i].Count(file, layout, () => state.IsStopped)) state.Stop(); }).IsCompleted)
            return null;
        long rows = parts.Sum(p => (long)p.Rows);
        if (rows == 0 || rows * layout.Features > Array.MaxLength) return null;
        var firstRow = new int[parts.Length];
        for (int i = 1; i < parts.Length; i++) firstRow[i] = firstRow[i - 1] + parts[i - 1].Rows;
        var x = GC.AllocateUninitializedArray<T>((int)(rows * layout.Features));
        int[]? codes = target >= 0 ? new int[rows] : null;
        if (!Parallel.For(0, parts.Length, parallel, (i, state) =>
            {
                if (!parts[i].Parse(file, layout, x, codes, firstRow[i], () => state.IsStopped)) state.Stop();
            }).IsCompleted)
            return null;
        var lines = new LineRuns();
        var targetCells = target >= 0 ? new TargetCells<T>(table, target, options.MaxInferredClasses) : null;
        int line = table.FirstDataLine;
        for (int i = 0; i < parts.Length; i++)
        {
            lines.Append(parts[i].Lines, line - 1);
            if (targetCells is not null) Replay(targetCells, parts[i], codes!, firstRow[i], line - 1);
            line += parts[i].LineCount;
        }
        return CsvRows<T>.Of(x, features, lines, targetCells);
    }

    // Feeds a range's target cells to the target in order, each label parsed once.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Replay<T>(TargetCells<T> target, CsvRange<T> part, int[] codes, int firstRow, int shift) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var parsed = part.Labels.Select(label => (IsNumber: TargetCells<T>.Parse(label, out double v), Value: v)).ToArray();
        int row = firstRow;
        foreach (int line in part.Lines)
        {
            string label = part.Labels[codes[row++]];
            var (isNumber, value) = parsed[codes[row - 1]];
            target.Add(label, line + shift, isNumber, value);
        }
    }

    // Whether the rows read ahead hold a finite number in every feature: a table with a text or missing feature is the text reader's.
    private static bool SampleIsNumbers(CsvTable table, int[] features) =>
        table.Sample.All(row => features.All(j => Numbers.TryParse(row[j], out double v) && double.IsFinite(v)));

    private static int DefaultRanges(long bytes) =>
        bytes < SingleRangeBelow ? 1 : (int)Math.Clamp(bytes / BytesPerRange, Math.Max(1, ComputeSettings.Threads) * RangesPerThread, 256);

    // The offset of line `firstLine` (1-based, after a byte-order mark): the header lines before it must end in LF or CRLF; -1 otherwise.
    private static long DataStart(SafeFileHandle file, long length, int firstLine)
    {
        Span<byte> head = stackalloc byte[3];
        int got = RandomAccess.Read(file, head, 0);
        using var lines = new ByteLines(file, got == 3 && head.SequenceEqual((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0, length);
        for (int i = 1; i < firstLine; i++)
            if (!lines.Next(out var line) || line.IndexOf((byte)'\r') is var cr && cr >= 0 && cr != line.Length - 1) return -1;
        return lines.Position;
    }

    // [start, length) cut into `count` ranges, each starting at a line start (some may be empty).
    private static List<(long Start, long End)> Split(SafeFileHandle file, long start, long length, int count)
    {
        var cuts = new List<long> { start };
        for (int i = 1; i < count; i++)
        {
            long at = start + (length - start) * i / count;
            using var lines = new ByteLines(file, Math.Max(at - 1, cuts[^1]), length);
            long cut = lines.Next(out _) ? lines.Position : length;
            cuts.Add(Math.Max(cut, cuts[^1]));
        }
        cuts.Add(length);
        return [.. cuts.Zip(cuts.Skip(1))];
    }
}
