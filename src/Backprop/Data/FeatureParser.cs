namespace Backprop.Data;

/// <summary>Parses feature cells into numbers, refusing text, NaN and infinity, and fills missing cells with column means when asked.</summary>
internal static class FeatureParser
{
    /// <summary>The features of <paramref name="rows"/>, row-major [rows, features].</summary>
    public static double[] Parse(CsvTable table, int[] rows, IReadOnlyList<int> features, CsvOptions options)
    {
        int f = features.Count;
        var x = new double[rows.Length * f];
        bool anyMissing = false;
        for (int i = 0; i < rows.Length; i++)
        {
            var row = table.Rows[rows[i]];
            for (int j = 0; j < f; j++)
            {
                string cell = row[features[j]];
                if (MissingCells.IsMissing(cell, options)) { x[i * f + j] = double.NaN; anyMissing = true; continue; }
                if (!Numbers.TryParse(cell, out double v))
                    throw new InvalidDataException($"{table.Where(rows[i], features[j])}: \"{cell}\" is not a number{TextHint(table, features[j], options)}.");
                if (!double.IsFinite(v))
                    throw new InvalidDataException($"{table.Where(rows[i], features[j])}: \"{cell}\" is not a finite number (NaN and infinity are not allowed).");
                x[i * f + j] = v;
            }
        }
        if (anyMissing) FillMeans(table, x, rows.Length, features);
        return x;
    }

    /// <summary>A hint when no cell of the column is a number: it is a text column to drop or to use as the target.</summary>
    private static string TextHint(CsvTable table, int column, CsvOptions options) =>
        table.Rows.Any(r => !MissingCells.IsMissing(r[column], options) && Numbers.TryParse(r[column], out _)) ? ""
            : $" (the {table.Describe(column)} holds text: drop it, or make it the target)";

    private static void FillMeans(CsvTable table, double[] x, int n, IReadOnlyList<int> features)
    {
        int f = features.Count;
        for (int j = 0; j < f; j++)
        {
            double sum = 0; int count = 0;
            for (int i = 0; i < n; i++)
                if (!double.IsNaN(x[i * f + j])) { sum += x[i * f + j]; count++; }
            if (count == 0) throw new InvalidDataException($"{table.FileName}: {table.Describe(features[j])} has no values at all; there is no mean to fill in.");
            double mean = sum / count;
            for (int i = 0; i < n; i++)
                if (double.IsNaN(x[i * f + j])) x[i * f + j] = mean;
        }
    }
}
