using Backprop.Data;

namespace Backprop.Preprocessing.Encoders;

/// <summary>
/// The settings of <see cref="OneHotEncoder"/>: the levels kept (sorted), the rarer ones pooled into "other" (when any were), and whether a
/// missing cell was seen in training (then it is a level of its own).
/// </summary>
internal sealed record OneHotSettings(string[] Levels, string[] Pooled, bool Missing = false)
{
    /// <summary>An unfitted encoder's settings.</summary>
    public OneHotSettings() : this([], []) { }
}

/// <summary>
/// A category column: one input per level, x_k = 1 when the cell is level k, else 0 (levels sorted ordinally; levels rarer than
/// <see cref="CsvOptions.MinFrequency"/> or past <see cref="CsvOptions.MaxCategories"/> pooled into one "(other)" input; a missing cell is its own
/// "(missing)" level when training had one). A level never seen in training makes all its inputs 0 and is counted as unseen.
/// </summary>
internal sealed class OneHotEncoder(OneHotSettings settings) : ColumnEncoder
{
    public const string OtherLevel = "(other)", MissingLevel = "(missing)";
    private readonly Dictionary<string, int> _index = Index(settings);

    public override string Name => "one_hot";
    public override ColumnKind Kind => ColumnKind.Category;
    public override object Settings => settings;
    private bool HasOther => settings.Pooled.Length > 0;
    public override int Width => settings.Levels.Length + (HasOther ? 1 : 0) + (settings.Missing ? 1 : 0);

    public override IEnumerable<string> OutputNames(string column) =>
        [.. settings.Levels.Select(l => $"{column}={l}"), .. HasOther ? [$"{column}={OtherLevel}"] : Array.Empty<string>(),
            .. settings.Missing ? [$"{column}={MissingLevel}"] : Array.Empty<string>()];

    public override bool Scaled(int output) => false;

    // Each label's input: its level's, or "other"'s for a pooled one.
    private static Dictionary<string, int> Index(OneHotSettings s)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < s.Levels.Length; k++) index.TryAdd(s.Levels[k], k);
        foreach (string pooled in s.Pooled) index.TryAdd(pooled, s.Levels.Length);
        return index;
    }

    public override ColumnEncoder Fit(RawColumn column, int[] rows, CsvOptions options, Func<int, string> where)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        bool missing = false;
        foreach (int i in rows)
            if (column.Text(i) is { } text) counts[text] = counts.GetValueOrDefault(text) + 1;
            else missing = true;
        if (counts.Count == 0) throw Empty(column);
        var kept = counts.Where(c => c.Value >= options.MinFrequency).OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(options.MaxCategories ?? int.MaxValue).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        string[] levels = [.. kept.Order(StringComparer.Ordinal)];
        string[] pooled = [.. counts.Keys.Where(k => !kept.Contains(k)).Order(StringComparer.Ordinal)];
        return new OneHotEncoder(new OneHotSettings(levels, pooled, missing));
    }

    public override int Encode(RawColumn column, Span<double> x, int stride, int offset, Func<int, string> where)
    {
        // one lookup per distinct label, then one per row
        int[]? byCode = !column.HasCodes ? null : [.. column.Labels.Select(l => _index.TryGetValue(l, out int k) ? k : -1)];
        int missingInput = Width - 1, unseen = 0;
        for (int i = 0; i < column.Count; i++)
        {
            var row = x.Slice(i * stride + offset, Width);
            row.Clear();
            int k = column.IsMissing(i) ? (settings.Missing ? missingInput : -1)
                : byCode is not null ? byCode[column.Code(i)] : _index.GetValueOrDefault(column.Text(i)!, -1);
            if (k >= 0) row[k] = 1;
            else unseen++;
        }
        return unseen;
    }

    public override (bool Strings, int Width) OnnxInput => (true, 1);

    // each label → its input's index (a level's, "(other)"'s for a pooled one, "(missing)"'s for ""), anything else -1; then x_k = [index = k].
    public override string WriteOnnx(IOnnxEncoderGraph graph, string input)
    {
        var keys = _index.Keys.ToList();
        var values = keys.Select(k => (float)_index[k]).ToList();
        if (settings.Missing) { keys.Add(""); values.Add(Width - 1); }
        string index = graph.MlNode("LabelEncoder", [input], ("keys_strings", keys.ToArray()), ("values_floats", values.ToArray()), ("default_float", -1f));
        string levels = graph.Constant("levels", [.. Enumerable.Range(0, Width).Select(k => (float)k)], 1, Width);
        return graph.Node("Cast", [graph.Node("Equal", [index, levels])], ("to", 1));
    }

    public override string Describe() =>
        $"one-hot, {settings.Levels.Length} level(s)" + (HasOther ? $" + {OtherLevel} pooling {settings.Pooled.Length}" : "") + (settings.Missing ? $" + {MissingLevel}" : "");
}
