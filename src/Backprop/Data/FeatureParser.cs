using System.Numerics;
using Backprop.Errors;

namespace Backprop.Data;

/// <summary>Parses feature cells into <typeparamref name="T"/>, refusing text, NaN, infinity and values beyond the range of <typeparamref name="T"/>; fills missing cells with column means.</summary>
internal sealed class FeatureParser<T>(RecordTable table) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly HashSet<int> _numeric = [];

    /// <summary>The number in <paramref name="column"/> of the current record.</summary>
    public T Parse(int column)
    {
        if (!table.TryNumber(column, out double v) && !Numbers.TryParseOrBoolean(table[column], out v)) // true/false read as 1/0
            throw BackpropException.BadInput($"{table.Where(table.Line, column)}: \"{RecordTable.Shown(table[column])}\" is not a number{TextHint(column)}.");
        if (!double.IsFinite(v))
            throw BackpropException.BadInput($"{table.Where(table.Line, column)}: \"{RecordTable.Shown(table[column])}\" is not a finite number (NaN and infinity are not allowed).");
        T value = T.CreateTruncating(v);
        if (!T.IsFinite(value))
            throw BackpropException.BadInput($"{table.Where(table.Line, column)}: \"{RecordTable.Shown(table[column])}\" is beyond {Numbers.RangeOf<T>()}.");
        _numeric.Add(column);
        return value;
    }

    /// <summary>A hint when no earlier cell of the column was a number: it is a text column to drop or to use as the target.</summary>
    private string TextHint(int column) =>
        _numeric.Contains(column) ? "" : $" (the {table.Describe(column)} holds text: drop it, or make it the target)";

    /// <summary>Replaces the NaN (missing) cells of <paramref name="x"/> [rows, features] by the mean of their column.</summary>
    public static void FillMeans(RecordTable table, Span<T> x, int[] features)
    {
        int f = features.Length, n = x.Length / f;
        for (int j = 0; j < f; j++)
        {
            double sum = 0; int count = 0;
            for (int i = 0; i < n; i++)
                if (!T.IsNaN(x[i * f + j])) { sum += double.CreateTruncating(x[i * f + j]); count++; }
            if (count == n) continue;
            if (count == 0) throw BackpropException.BadInput($"{table.FileName}: {table.Describe(features[j])} has no values at all; there is no mean to fill in.");
            T mean = T.CreateTruncating(sum / count);
            for (int i = 0; i < n; i++)
                if (T.IsNaN(x[i * f + j])) x[i * f + j] = mean;
        }
    }
}
