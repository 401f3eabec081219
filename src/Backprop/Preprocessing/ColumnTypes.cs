using Backprop.Data;
using Backprop.Errors;

namespace Backprop.Preprocessing;

/// <summary>
/// What each feature column is taken as, from its raw cells unless <see cref="CsvOptions.Numeric"/>, <see cref="CsvOptions.Categorical"/> or
/// <see cref="CsvOptions.Dates"/> name it: numbers (most cells numbers); true/false words; ISO 8601 dates; other text is categories,
/// unless its values are mostly distinct (names, ids), which is refused naming the column.
/// </summary>
internal static class ColumnTypes
{
    /// <summary>Distinct texts above this share of a column's cells (and above <see cref="FewLevels"/>) make it an id column.</summary>
    public const double DistinctShare = 0.5;

    /// <summary>A text column with at most this many distinct values is always categories.</summary>
    public const int FewLevels = 20;

    /// <summary>The kind of <paramref name="column"/>; <paramref name="named"/>: the kind the options give it, if any. <paramref name="where"/> names a row's cell.</summary>
    public static ColumnKind Infer(RawColumn column, ColumnKind? named, string file, Func<int, string> where)
    {
        int present = column.NumberCells + column.TextCells;
        string name = RecordTable.Shown(column.Name);
        if (present == 0) throw BackpropException.BadInput($"{file}: column \"{name}\" is empty (every cell is missing); drop it.");
        if (named == ColumnKind.Category)
        {
            if (column.Overflowed) throw BackpropException.BadInput($"{file}: column \"{name}\" has more than {RawColumn.MaxLabels} distinct values, too many categories; drop it.");
            return ColumnKind.Category;
        }
        if (named is { } kind) return kind;
        if (column.TextCells == 0) return ColumnKind.Number;
        if (column.NumberCells >= column.TextCells)
        {
            var (row, text) = column.FirstText!.Value;
            throw BackpropException.BadInput($"{where(row)}: \"{RecordTable.Shown(text)}\" is not a number.");
        }
        if (column.NumberCells == 0 && column.HasCodes && column.Labels.All(l => Encoders.BooleanEncoder.ValueOf(l) is not null)) return ColumnKind.Boolean;
        if (column.AllDates) return ColumnKind.Date;
        if (column.FirstDate is { } date && column.FirstNonDate is { } other && IsoDates.LooksLikeDate(other.Text))
            throw BackpropException.BadInput($"{file}: column \"{name}\" has dates in two formats: \"{RecordTable.Shown(date.Text)}\" ({Line(where, date.Row)}) and \"{RecordTable.Shown(other.Text)}\" ({Line(where, other.Row)}); write them all as ISO 8601 (yyyy-mm-dd).");
        int distinct = column.Overflowed ? int.MaxValue : column.Labels.Count;
        if (distinct > FewLevels && distinct > DistinctShare * present)
            throw BackpropException.BadInput($"{file}: column \"{name}\" holds text with {(column.Overflowed ? $"more than {RawColumn.MaxLabels}" : distinct.ToString(System.Globalization.CultureInfo.InvariantCulture))} distinct values in {present} rows (names or ids?), too many to one-hot encode; drop it (--drop \"{name}\").");
        return ColumnKind.Category;
    }

    // "line 7" of a cell's place "t.csv line 7, column "d"".
    private static string Line(Func<int, string> where, int row)
    {
        string place = where(row);
        int at = place.IndexOf(" line ", StringComparison.Ordinal) is var i && i >= 0 ? i : place.IndexOf(" row ", StringComparison.Ordinal);
        int comma = place.IndexOf(',', Math.Max(at, 0));
        return at < 0 ? place : place[(at + 1)..(comma < 0 ? place.Length : comma)];
    }
}
