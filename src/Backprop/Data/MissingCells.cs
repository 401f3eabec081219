namespace Backprop.Data;

/// <summary>Finds rows with missing cells and applies <see cref="CsvOptions.Missing"/>: refuse, drop the rows, or keep them for mean imputation.</summary>
internal static class MissingCells
{
    /// <summary>The rows to keep (in file order); throws when missing cells are refused. <paramref name="target"/> is -1 when there is none.</summary>
    public static int[] SelectRows(CsvTable table, IReadOnlyList<int> features, int target, CsvOptions options)
    {
        var firstMissing = new Dictionary<int, int>();
        for (int r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            int column = target >= 0 && IsMissing(row[target], options) ? target : -1;
            for (int j = 0; j < features.Count && column < 0; j++)
                if (IsMissing(row[features[j]], options)) column = features[j];
            if (column >= 0) firstMissing[r] = column;
        }
        if (firstMissing.Count == 0) return [.. Enumerable.Range(0, table.Rows.Count)];
        string tokens = string.Join(", ", options.MissingTokens.Select(t => $"\"{t}\""));
        switch (options.Missing)
        {
            case MissingValues.Error:
                var shown = firstMissing.Take(5).Select(p => $"line {table.Lines[p.Key]} {table.Describe(p.Value)}");
                string more = firstMissing.Count > 5 ? $" and {firstMissing.Count - 5} more" : "";
                throw new InvalidDataException($"{table.FileName}: {firstMissing.Count} row(s) have missing values ({tokens}): {string.Join("; ", shown)}{more}. Drop those rows or fill in column means (missing: drop or mean).");
            case MissingValues.Drop:
                var kept = Enumerable.Range(0, table.Rows.Count).Where(r => !firstMissing.ContainsKey(r)).ToArray();
                if (kept.Length == 0) throw new InvalidDataException($"{table.FileName}: every row has a missing value ({tokens}); none is left after dropping them.");
                return kept;
            default:
                foreach (var (r, _) in firstMissing)
                    if (target >= 0 && IsMissing(table.Rows[r][target], options))
                        throw new InvalidDataException($"{table.Where(r, target)}: the target is missing; mean imputation fills features only (drop such rows instead).");
                return [.. Enumerable.Range(0, table.Rows.Count)];
        }
    }

    /// <summary>Whether a trimmed cell is one of the missing-value tokens.</summary>
    public static bool IsMissing(string cell, CsvOptions options) => options.MissingTokens.Contains(cell);
}
