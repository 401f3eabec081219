using System.Numerics;

namespace Backprop.Data;

/// <summary>
/// The numbers of a table, read in one pass over its records: the feature cells as <typeparamref name="T"/> row-major
/// [rows, features] (one <typeparamref name="T"/> a cell, no text kept), the target cells, and each kept row's line (as runs).
/// Missing cells are refused, dropped or filled with column means as <see cref="CsvOptions.Missing"/> says.
/// </summary>
internal sealed class CsvRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private CsvRows(T[] x, int[] features, LineRuns lines, TargetCells<T>? target)
    {
        X = x; Features = features; Lines = lines; Target = target;
    }

    /// <summary>Rows read elsewhere (<see cref="NumericCsv"/>).</summary>
    public static CsvRows<T> Of(T[] x, int[] features, LineRuns lines, TargetCells<T>? target) => new(x, features, lines, target);

    /// <summary>The feature values, row-major [rows, features].</summary>
    public T[] X { get; }

    /// <summary>The feature columns, in order.</summary>
    public int[] Features { get; }

    /// <summary>The line of each kept row.</summary>
    public LineRuns Lines { get; }

    /// <summary>The target column's cells, or null when there is no target.</summary>
    public TargetCells<T>? Target { get; }

    /// <summary>The number of kept rows.</summary>
    public int Count => Lines.Count;

    /// <summary>Reads every remaining record of <paramref name="table"/>; <paramref name="target"/> is -1 when there is none.</summary>
    public static CsvRows<T> Read(RecordTable table, int[] features, int target, CsvOptions options)
    {
        var x = new AppendBuffer<T>();
        var lines = new LineRuns();
        var targetCells = target >= 0 ? new TargetCells<T>(table, target, options.MaxInferredClasses) : null;
        var parser = new FeatureParser<T>(table);
        var missing = new MissingCells(table, options);
        bool filled = false;
        while (table.Read())
        {
            int gap = missing.Find(target, features);
            if (gap >= 0 && !missing.Keep(gap, target)) continue;
            foreach (int j in features)
            {
                bool blank = gap >= 0 && missing.IsMissing(j);
                x.Add(blank ? T.NaN : parser.Parse(j));
                filled |= blank;
            }
            targetCells?.Add();
            lines.Add(table.Line);
        }
        missing.Finish(lines.Count);
        var values = x.MoveToArray();
        if (filled) FeatureParser<T>.FillMeans(table, values, features);
        return new CsvRows<T>(values, features, lines, targetCells);
    }
}
