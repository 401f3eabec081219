using System.Globalization;
using System.Numerics;
using Backprop.Errors;
using Backprop.Nn;

namespace Backprop.Data;

/// <summary>
/// The target column as it streams by: each cell's label as a code into the distinct texts (one int a row), or, past
/// <see cref="MaxLabels"/> distinct texts, its value (NaN when it is not a number); then class indices or values once the task
/// is known (given, or inferred: text, or integers with at most <see cref="CsvOptions.MaxInferredClasses"/> distinct values, is classification).
/// </summary>
internal sealed class TargetCells<T>(RecordTable table, int column, int maxInferredClasses) where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The most distinct labels kept; a target with more cannot be classes.</summary>
    private const int MaxLabels = 1 << 16;
    private readonly List<string> _labels = [];
    private readonly Dictionary<string, int> _codeOf = new(StringComparer.Ordinal);
    private readonly HashSet<double> _integers = [];
    private AppendBuffer<int>? _codes = new();
    private AppendBuffer<T>? _values; // once there are too many labels for codes
    private (int Line, string Text)? _firstText, _firstOverflow;
    private bool _allIntegers = true;

    /// <summary>Takes the target cell of the current record.</summary>
    public void Add() => Add(table[column], table.Line);

    /// <summary>Takes a target cell read elsewhere (trimmed), on line <paramref name="line"/>.</summary>
    public void Add(ReadOnlySpan<char> cell, int line) => Add(cell, line, Parse(cell, out double v), v);

    /// <summary>Whether the cell counts as a number for <see cref="Add(ReadOnlySpan{char}, int, bool, double)"/>, and its value.</summary>
    public static bool Parse(ReadOnlySpan<char> cell, out double value) =>
        Numbers.TryParseOrBoolean(cell, out value) && double.IsFinite(value); // true/false are 1/0 as values, their own names as classes

    /// <summary>Takes a cell whose <see cref="Parse"/> is known (<paramref name="number"/>, <paramref name="v"/>): a label's parse, made once for all its rows.</summary>
    public void Add(ReadOnlySpan<char> cell, int line, bool number, double v)
    {
        T value = number ? T.CreateTruncating(v) : T.NaN;
        if (!number) _firstText ??= (line, cell.ToString());
        else if (!T.IsFinite(value)) _firstOverflow ??= (line, cell.ToString());
        else if (_allIntegers &= v == Math.Floor(v)) { if (_integers.Count <= maxInferredClasses) _integers.Add(v); }
        if (_codes is null || !AddLabel(cell)) _values!.Add(value);
    }

    // Adds the cell's code; false, with the codes so far turned into values, when it would be one label too many.
    private bool AddLabel(ReadOnlySpan<char> cell)
    {
        var lookup = _codeOf.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(cell, out int code))
        {
            if (_labels.Count == MaxLabels)
            {
                _values = new AppendBuffer<T>();
                foreach (int earlier in _codes!.MoveToArray()) _values.Add(ValueOf(_labels[earlier]));
                _codes = null;
                return false;
            }
            code = _labels.Count;
            string label = cell.ToString();
            _labels.Add(label);
            _codeOf[label] = code;
        }
        _codes!.Add(code);
        return true;
    }

    // A cell's value as Add reads it: NaN when it is not a finite number.
    private static T ValueOf(ReadOnlySpan<char> cell) =>
        Numbers.TryParseOrBoolean(cell, out double v) && double.IsFinite(v) ? T.CreateTruncating(v) : T.NaN;

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
            throw BackpropException.BadInput($"{table.Where(text.Line, column)}: \"{RecordTable.Shown(text.Text)}\" " + (Numbers.TryParse(text.Text, out _)
                ? "is not a finite number (NaN and infinity are not allowed)." : "is not a number, and the task is regression."));
        if (_firstOverflow is { } big)
            throw BackpropException.BadInput($"{table.Where(big.Line, column)}: \"{RecordTable.Shown(big.Text)}\" is beyond {Numbers.RangeOf<T>()}.");
        if (_values is not null) return _values.MoveToArray();
        var valueOf = _labels.Select(label => ValueOf(label)).ToArray();
        return _codes!.MoveToArray((code, _) => valueOf[code]);
    }

    private (T[] Y, TaskKind Task, string[]? Classes) Classes(TabularSchema? like, IReadOnlyList<int> lines)
    {
        if (_codes is null)
            throw BackpropException.BadInput($"{table.FileName}: the target {table.Describe(column)} has more than {MaxLabels} distinct values, too many classes; if it is a number, the task is regression.");
        var keys = _labels.Select(Key).ToArray();
        string[] classes = like?.ClassNames?.ToArray() ?? Sorted(keys);
        if (classes.Length < 2)
            throw BackpropException.BadInput($"{table.FileName}: the target {table.Describe(column)} has only one class (\"{RecordTable.Shown(classes.FirstOrDefault())}\"); classification needs at least two.");
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Length; i++) index.TryAdd(classes[i], i);
        var classOfCode = keys.Select(k => index.TryGetValue(k, out int c) ? c : -1).ToArray();
        var y = _codes.MoveToArray((code, i) => classOfCode[code] is var k && k >= 0 ? T.CreateTruncating(k)
            : throw BackpropException.BadInput($"{table.Where(lines[i], column)}: class \"{RecordTable.Shown(_labels[code])}\" is not one of the training data's classes ({RecordTable.Shown(string.Join(", ", classes), 400)})."));
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
