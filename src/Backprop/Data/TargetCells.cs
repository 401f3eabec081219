using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Backprop.Errors;

namespace Backprop.Data;

/// <summary>
/// The target column as it streams by: each cell's value (NaN when it is not a number) and its label (as a code into the
/// distinct texts), then class indices or values once the task is known (given, or inferred: text, or integers with at
/// most <see cref="CsvOptions.MaxInferredClasses"/> distinct values, is classification).
/// </summary>
internal sealed class TargetCells<T>(CsvTable table, int column, int maxInferredClasses) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The most distinct labels kept; a target with more cannot be classes.</summary>
    private const int MaxLabels = 1 << 16;
    private readonly List<T> _values = [];
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);
    private readonly HashSet<double> _integers = [];
    private List<int>? _codes = [];
    private (int Line, string Text)? _firstText, _firstOverflow;
    private bool _allIntegers = true;

    /// <summary>Takes the target cell of the current record.</summary>
    public void Add()
    {
        var cell = table[column];
        bool number = Numbers.TryParse(cell, out double v) && double.IsFinite(v);
        T value = number ? T.CreateTruncating(v) : T.NaN;
        if (!number) _firstText ??= (table.Line, cell.ToString());
        else if (!T.IsFinite(value)) _firstOverflow ??= (table.Line, cell.ToString());
        else if (_allIntegers &= v == Math.Floor(v)) { if (_integers.Count <= maxInferredClasses) _integers.Add(v); }
        _values.Add(value);
        if (_codes is not null) AddLabel(cell);
    }

    private void AddLabel(ReadOnlySpan<char> cell)
    {
        var lookup = _codeOf.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(cell, out int code))
        {
            if (_labels.Count == MaxLabels) { _codes = null; return; }
            code = _labels.Count;
            string label = cell.ToString();
            _labels.Add(label);
            _codeOf[label] = code;
        }
        _codes!.Add(code);
    }

    /// <summary>
    /// Targets of the kept records: class indices (classes sorted numerically when every label is a number, ordinally otherwise,
    /// or <paramref name="like"/>'s, where an unknown class is an error) or values. <paramref name="lines"/>: each kept record's line.
    /// </summary>
    public (T[] Y, TaskKind Task, string[]? Classes) Encode(TaskKind? task, TabularSchema? like, IReadOnlyList<int> lines)
    {
        var kind = like?.Task ?? task ?? Infer();
        return kind == TaskKind.Regression ? (Values(), kind, null) : Classes(like, lines);
    }

    private TaskKind Infer() =>
        _firstText is not null ? TaskKind.Classification
        : !_allIntegers || _firstOverflow is not null ? TaskKind.Regression
        : _integers.Count <= maxInferredClasses ? TaskKind.Classification : TaskKind.Regression;

    private T[] Values()
    {
        if (_firstText is { } text)
            throw BackpropException.BadInput($"{table.Where(text.Line, column)}: \"{CsvTable.Shown(text.Text)}\" " + (Numbers.TryParse(text.Text, out _)
                ? "is not a finite number (NaN and infinity are not allowed)." : "is not a number, and the task is regression."));
        if (_firstOverflow is { } big)
            throw BackpropException.BadInput($"{table.Where(big.Line, column)}: \"{CsvTable.Shown(big.Text)}\" is beyond {Numbers.RangeOf<T>()}.");
        return [.. _values];
    }

    private (T[] Y, TaskKind Task, string[]? Classes) Classes(TabularSchema? like, IReadOnlyList<int> lines)
    {
        if (_codes is null)
            throw BackpropException.BadInput($"{table.FileName}: the target {table.Describe(column)} has more than {MaxLabels} distinct values, too many classes; if it is a number, the task is regression.");
        var keys = _labels.Select(Key).ToArray();
        string[] classes = like?.ClassNames?.ToArray() ?? Sorted(keys);
        if (classes.Length < 2)
            throw BackpropException.BadInput($"{table.FileName}: the target {table.Describe(column)} has only one class (\"{CsvTable.Shown(classes.FirstOrDefault())}\"); classification needs at least two.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++) index.TryAdd(classes[i], i);
        var classOfCode = keys.Select(k => index.TryGetValue(k, out int c) ? c : -1).ToArray();
        var codes = CollectionsMarshal.AsSpan(_codes);
        var y = new T[codes.Length];
        for (int i = 0; i < y.Length; i++)
        {
            int k = classOfCode[codes[i]];
            if (k < 0)
                throw BackpropException.BadInput($"{table.Where(lines[i], column)}: class \"{CsvTable.Shown(_labels[codes[i]])}\" is not one of the training data's classes ({CsvTable.Shown(string.Join(", ", classes), 400)}).");
            y[i] = T.CreateTruncating(k);
        }
        return (y, TaskKind.Classification, classes);
    }

    /// <summary>A class label's canonical name: numbers as their shortest round-trip text ("1.0" → "1"), anything else as written.</summary>
    private static string Key(string text) =>
        Numbers.TryParse(text, out double v) && double.IsFinite(v) ? Numbers.Format(v) : text;

    private static string[] Sorted(string[] keys)
    {
        var distinct = keys.Distinct(StringComparer.Ordinal).ToArray();
        bool numeric = distinct.All(k => Numbers.TryParse(k, out double v) && double.IsFinite(v));
        return numeric
            ? [.. distinct.OrderBy(k => double.Parse(k, CultureInfo.InvariantCulture))]
            : [.. distinct.Order(StringComparer.Ordinal)];
    }
}
