using System.Numerics;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Kernels;
using Backprop.Tensors;
using Parquet.Schema;

namespace Backprop.Parquet;

/// <summary>
/// Reads a Parquet file whose features are all numbers straight into the feature matrix, a row group at a time in parallel, each
/// worker with its own reader behind the same guards (footer, page and decompression checks; the byte budgets shared), then joins
/// the target's labels in file order. It reads only what the record reader would read the same way: features of floats, doubles,
/// int32 or int64 without a null, a target of those or of strings without a null or missing-value token. Anything else (another
/// type, a null, NaN, a value beyond the element type, a label not UTF-8, an encoding asked for, any failure) makes it give up
/// (null), leaving the file to the record reader, which reads it or names the problem.
/// </summary>
internal static class ParquetNumbers
{
    [ThreadStatic] private static int _filesRead;

    /// <summary>The files this thread has read here (a test's evidence of which reader read a file).</summary>
    public static int FilesRead => _filesRead;

    /// <summary>
    /// The data set <see cref="TableLoader.Load{T}(RecordTable, CsvOptions)"/> makes of <paramref name="table"/> (not yet read from),
    /// or null when the file is not one this reader reads. <paramref name="threads"/>: the most workers (0: the compute threads).
    /// </summary>
    public static TabularData<T>? TryLoad<T>(ParquetRecords table, CsvOptions options, int threads = 0) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (options.AsksForEncoding) return null;
        try
        {
            var (target, features) = TableLoader.Columns(table, options);
            return Read<T>(table, features, target, options, threads > 0 ? threads : Math.Max(1, ComputeSettings.Threads));
        }
        catch (BackpropException) { return null; } // the record reader meets the same problem and names it
    }

    private static TabularData<T>? Read<T>(ParquetRecords table, int[] features, int target, CsvOptions options, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var fields = table.Fields;
        if (!features.All(j => ParquetGroupReader<T>.ReadsNumbers(fields[j]))) return null;
        if (!ParquetGroupReader<T>.ReadsNumbers(fields[target]) && !ParquetGroupReader<T>.ReadsLabels(fields[target])) return null;
        int[] groupRows = table.GroupRows;
        long rows = groupRows.Sum(n => (long)n), length = new FileInfo(table.Path).Length;
        if (rows == 0 || rows * features.Length > Array.MaxLength) return null;
        if (rows * (features.Length + 1) > ParquetRecords.FreeCells + ParquetRecords.CellsPerByte * length) return null; // the record reader's guard
        var firstRow = new int[groupRows.Length];
        for (int g = 1; g < groupRows.Length; g++) firstRow[g] = firstRow[g - 1] + groupRows[g - 1];
        var x = GC.AllocateUninitializedArray<T>((int)(rows * features.Length));
        var codes = new int[rows];
        var labels = groupRows.Select(_ => new List<string>()).ToArray();
        DataField[] featureFields = [.. features.Select(j => (DataField)fields[j])];
        var targetField = (DataField)fields[target];
        string[] tokens = [.. options.MissingTokens];
        var (reads, decompressed) = (ParquetFile.Reads(length), ParquetPageCheck.Decompressed(length));
        bool Group(ParquetGroupReader<T> reader, int g)
        {
            try { return groupRows[g] == 0 || reader.Read(g, groupRows[g], firstRow[g], featureFields, targetField, x, codes, labels[g], tokens); }
            catch (Exception e) when (e is not OutOfMemoryException) { return false; } // the record reader names it
        }
        bool failed = false;
        if (threads == 1) // on this thread only
        {
            using var reader = new ParquetGroupReader<T>(table.Path, reads, decompressed);
            failed = !Enumerable.Range(0, groupRows.Length).All(g => Group(reader, g));
        }
        else Parallel.For(0, groupRows.Length, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new ParquetGroupReader<T>(table.Path, reads, decompressed),
            (g, state, reader) =>
            {
                if (!state.IsStopped && !Group(reader, g)) { failed = true; state.Stop(); }
                return reader;
            },
            reader => reader.Dispose());
        if (failed) return null;
        _filesRead++;
        return Joined(table, x, codes, labels, groupRows, features, target, options);
    }

    // The data set, the target's cells fed in file order (each label parsed once), as TableLoader builds one of all-number features.
    private static TabularData<T> Joined<T>(ParquetRecords table, T[] x, int[] codes, List<string>[] labels, int[] groupRows, int[] features, int target, CsvOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var cells = new TargetCells<T>(table, target, options.MaxInferredClasses);
        var lines = new LineRuns();
        int row = 0;
        for (int g = 0; g < groupRows.Length; g++)
        {
            var parsed = labels[g].Select(label => (IsNumber: TargetCells<T>.Parse(label, out double v), Value: v)).ToArray();
            for (int i = 0; i < groupRows[g]; i++, row++)
            {
                var (isNumber, value) = parsed[codes[row]];
                cells.Add(labels[g][codes[row]], row + 1, isNumber, value);
                lines.Add(row + 1);
            }
        }
        return TableLoader.AllNumbers(table, CsvRows<T>.Of(x, features, lines, cells), table.Columns, target, options);
    }
}
