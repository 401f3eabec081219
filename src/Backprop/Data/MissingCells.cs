using Backprop.Errors;

namespace Backprop.Data;

/// <summary>
/// Applies <see cref="CsvOptions.Missing"/> to the records of a table as they stream by: refuse them (naming the first
/// few at the end), drop their rows, or keep them for mean imputation. A missing target is refused in the last case.
/// </summary>
internal sealed class MissingCells(RecordTable table, CsvOptions options)
{
    private const int Shown = 5;
    private readonly List<(int Line, int Column)> _first = [];
    private readonly string[] _tokens = [.. options.MissingTokens];
    private int _count;
    private (int Line, int Column)? _firstTarget;

    /// <summary>The column of the current record's first missing cell (the target first; -1 for none), or -1 when none is missing.</summary>
    public int Find(int target, int[] features)
    {
        if (target >= 0 && IsMissing(target)) return target;
        foreach (int j in features) if (IsMissing(j)) return j;
        return -1;
    }

    /// <summary>Whether to keep the current record, whose cell in <paramref name="column"/> is missing.</summary>
    public bool Keep(int column, int target)
    {
        _count++;
        if (_first.Count < Shown) _first.Add((table.Line, column));
        if (column == target) _firstTarget ??= (table.Line, column);
        if (options.Missing == MissingValues.Mean && column == target)
            throw BackpropException.BadInput($"{table.Where(table.Line, target)}: the target is missing; mean imputation fills features only (drop such rows instead).");
        return options.Missing == MissingValues.Mean;
    }

    /// <summary>At the end: refuses the missing cells seen (when they are refused), or a table left without rows by dropping them.</summary>
    public void Finish(int kept)
    {
        if (_count == 0) return;
        string tokens = string.Join(", ", _tokens.Select(t => $"\"{t}\""));
        if (options.Missing == MissingValues.Error)
        {
            var shown = _first.Select(p => $"{table.At(p.Line)} {table.Describe(p.Column)}");
            string more = _count > Shown ? $" and {_count - Shown} more" : "";
            throw BackpropException.BadInput($"{table.FileName}: {_count} row(s) have missing values ({tokens}): {string.Join("; ", shown)}{more}. Drop those rows or fill in column means (missing: drop or mean).");
        }
        if (kept == 0) throw BackpropException.BadInput($"{table.FileName}: every row has a missing value ({tokens}); none is left after dropping them.");
    }

    /// <summary>
    /// At the end, when the feature columns' encoders take missing cells: only a missing target is refused (unless rows with missing
    /// cells were dropped), or a table left without rows by dropping them.
    /// </summary>
    public void FinishEncoded(int kept)
    {
        if (_count == 0) return;
        if (options.Missing != MissingValues.Drop && _firstTarget is { } t)
            throw BackpropException.BadInput($"{table.Where(t.Line, t.Column)}: the target is missing; drop such rows (missing: drop).");
        if (options.Missing == MissingValues.Drop) Finish(kept);
    }

    /// <summary>Whether the current record's cell in <paramref name="column"/> is missing (for text, one of the missing-value tokens).</summary>
    public bool IsMissing(int column) => table.IsMissing(column, _tokens);
}
