using System.Numerics;
using Backprop.Errors;
using Backprop.Preprocessing;

namespace Backprop.Data;

/// <summary>
/// A table's records read once into raw feature columns (numbers, text labels, dates, missing cells as they are), the target cells and
/// each kept row's line: what column types are inferred from and encoders fitted on. A row with a missing cell is dropped when
/// <see cref="CsvOptions.Missing"/> says so; otherwise missing feature cells are kept for the encoders (a missing target is refused, or dropped).
/// </summary>
internal sealed class RawRows<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private RawRows(RawColumn[] columns, LineRuns lines, TargetCells<T>? target, MissingCells missing, RecordTable table)
    {
        Columns = columns; Lines = lines; Target = target; Missing = missing; Table = table;
    }

    /// <summary>The feature columns, in feature order.</summary>
    public RawColumn[] Columns { get; }

    /// <summary>The line of each kept row.</summary>
    public LineRuns Lines { get; }

    /// <summary>The target column's cells, or null when there is no target.</summary>
    public TargetCells<T>? Target { get; }

    /// <summary>The missing cells seen, to refuse at the end as the options say.</summary>
    public MissingCells Missing { get; }

    /// <summary>The table read.</summary>
    public RecordTable Table { get; }

    /// <summary>The number of kept rows.</summary>
    public int Count => Lines.Count;

    /// <summary>Where the cell of kept row <paramref name="row"/> in file column <paramref name="column"/> is: "t.csv line 7, column "x"".</summary>
    public string Where(int row, int column) => Table.Where(Lines[row], column);

    /// <summary>Reads every remaining record of <paramref name="table"/>; <paramref name="target"/> is -1 when there is none.</summary>
    public static RawRows<T> Read(RecordTable table, int[] features, int target, CsvOptions options)
    {
        var columns = features.Select(j => new RawColumn(table.Columns[j], j)).ToArray();
        var lines = new LineRuns();
        var targetCells = target >= 0 ? new TargetCells<T>(table, target, options.MaxInferredClasses) : null;
        var missing = new MissingCells(table, options);
        while (table.Read())
        {
            int gap = missing.Find(target, features);
            if (gap >= 0 && !missing.Keep(gap, target) && (options.Missing == MissingValues.Drop || gap == target)) continue;
            for (int k = 0; k < features.Length; k++)
            {
                int j = features[k];
                if (gap >= 0 && missing.IsMissing(j)) columns[k].AddMissing();
                else if (table.TryNumber(j, out double v))
                {
                    if (!double.IsFinite(v))
                        throw BackpropException.BadInput($"{table.Where(table.Line, j)}: \"{RecordTable.Shown(table[j])}\" is not a finite number (NaN and infinity are not allowed).");
                    if (!T.IsFinite(T.CreateTruncating(v)))
                        throw BackpropException.BadInput($"{table.Where(table.Line, j)}: \"{RecordTable.Shown(table[j])}\" is beyond {Data.Numbers.RangeOf<T>()}.");
                    columns[k].AddNumber(v);
                }
                else columns[k].AddText(table[j]);
            }
            targetCells?.Add();
            lines.Add(table.Line);
        }
        foreach (var column in columns) column.Finish();
        if (options.Missing == MissingValues.Drop) missing.Finish(lines.Count); // refuses a table left without rows
        return new RawRows<T>(columns, lines, targetCells, missing, table);
    }

    /// <summary>The numbers of an all-number table as the reader always gave them: missing cells refused, or filled with column means (over every row).</summary>
    public T[] Numbers(CsvOptions options)
    {
        Missing.Finish(Count);
        int f = Columns.Length;
        var x = new T[(long)Count * f];
        bool filled = false;
        for (int k = 0; k < f; k++)
        {
            var column = Columns[k];
            for (int i = 0; i < Count; i++)
            {
                double v = column.Number(i);
                x[i * f + k] = T.CreateTruncating(v);
                filled |= column.IsMissing(i);
            }
        }
        if (filled) FeatureParser<T>.FillMeans(Table, x, [.. Columns.Select(c => c.Index)]);
        return x;
    }
}
