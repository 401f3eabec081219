namespace Backprop.Data;

/// <summary>Turns target cells into class indices or values, inferring the task when it is not given.</summary>
internal static class TargetEncoder
{
    /// <summary>
    /// Targets of <paramref name="rows"/>; with <paramref name="like"/>, its task and class names are used (an unknown class is an error).
    /// Classes are sorted numerically when every label is a number, ordinally otherwise.
    /// </summary>
    public static (double[] Y, TaskKind Task, string[]? Classes) Encode(CsvTable table, int[] rows, int target, CsvOptions options, TabularSchema? like)
    {
        var texts = rows.Select(r => table.Rows[r][target]).ToArray();
        var task = like?.Task ?? options.Task ?? Infer(texts, options.MaxInferredClasses);
        var y = new double[rows.Length];
        if (task == TaskKind.Regression)
        {
            for (int i = 0; i < texts.Length; i++)
            {
                if (!Numbers.TryParse(texts[i], out y[i]))
                    throw new InvalidDataException($"{table.Where(rows[i], target)}: \"{texts[i]}\" is not a number, and the task is regression.");
                if (!double.IsFinite(y[i]))
                    throw new InvalidDataException($"{table.Where(rows[i], target)}: \"{texts[i]}\" is not a finite number (NaN and infinity are not allowed).");
            }
            return (y, task, null);
        }
        var keys = texts.Select(Key).ToArray();
        string[] classes = like?.ClassNames?.ToArray() ?? Sorted(keys);
        if (classes.Length < 2)
            throw new InvalidDataException($"{table.FileName}: the target {table.Describe(target)} has only one class (\"{classes.FirstOrDefault()}\"); classification needs at least two.");
        var index = classes.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        for (int i = 0; i < keys.Length; i++)
        {
            if (!index.TryGetValue(keys[i], out int k))
                throw new InvalidDataException($"{table.Where(rows[i], target)}: class \"{texts[i]}\" is not one of the training data's classes ({string.Join(", ", classes)}).");
            y[i] = k;
        }
        return (y, task, classes);
    }

    /// <summary>A class label's canonical name: numbers as their shortest round-trip text ("1.0" → "1"), anything else as written.</summary>
    public static string Key(string text) =>
        Numbers.TryParse(text, out double v) && double.IsFinite(v) ? Numbers.Format(v) : text;

    private static string[] Sorted(string[] keys)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        bool numeric = distinct.All(k => Numbers.TryParse(k, out double v) && double.IsFinite(v));
        return numeric
            ? [.. distinct.OrderBy(k => double.Parse(k, System.Globalization.CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
    }

    /// <summary>Classification for text, or for integers with at most <paramref name="maxClasses"/> distinct values; regression otherwise.</summary>
    internal static TaskKind Infer(string[] texts, int maxClasses)
    {
        var values = new HashSet<double>();
        bool integers = true;
        foreach (var t in texts)
        {
            if (!Numbers.TryParse(t, out double v) || !double.IsFinite(v)) return TaskKind.Classification;
            integers &= v == Math.Floor(v);
            if (integers) values.Add(v);
        }
        if (!integers) return TaskKind.Regression;
        return values.Count <= maxClasses ? TaskKind.Classification : TaskKind.Regression;
    }
}
