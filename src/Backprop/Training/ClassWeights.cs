using System.Globalization;
using System.Numerics;
using Backprop.Data;

namespace Backprop.Training;

/// <summary>
/// Weights per class for <see cref="TrainOptions.ClassWeights"/> (<c>--class-weight</c>): scikit-learn's "balanced" ones
/// (<c>compute_class_weight</c>: w_c = rows / (classes × rows of class c)), or given by class name.
/// </summary>
public static class ClassWeights
{
    /// <summary>w_c = N / (C × N_c) over the class-index targets of <paramref name="data"/>, so that every class weighs as much in total;
    /// a class with no rows gets 1 (it weighs nothing either way).</summary>
    public static double[] Balanced<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Classes == 0) throw new ArgumentException("Class weights: the data has no classes (regression targets).", nameof(data));
        var counts = new int[data.Classes];
        foreach (var label in data.Y.Span) counts[int.CreateTruncating(label)]++;
        return [.. counts.Select(n => n == 0 ? 1.0 : (double)data.Count / (data.Classes * n))];
    }

    /// <summary>
    /// Reads <c>balanced</c> (<see cref="Balanced{T}"/> on <paramref name="data"/>) or <c>NAME=W,NAME=W,...</c>: the weight of each named class (by
    /// <paramref name="classNames"/>, or its index when null), 1 for classes not named (scikit-learn's dict form).
    /// </summary>
    /// <exception cref="FormatException">A name that is no class, a weight that is not a finite number ≥ 0, or a malformed pair; the message says which.</exception>
    public static double[] Parse<T>(string text, IReadOnlyList<string>? classNames, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Classes == 0) throw new FormatException("class weights need classes in one target column, but the target holds values (regression) or several labels (multilabel)");
        if (text.Trim().Equals("balanced", StringComparison.OrdinalIgnoreCase)) return Balanced(data);
        var names = classNames ?? [.. Enumerable.Range(0, data.Classes).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        var weights = Enumerable.Repeat(1.0, data.Classes).ToArray();
        foreach (var pair in text.Split(','))
        {
            int eq = pair.LastIndexOf('=');
            if (eq < 0) throw new FormatException($"\"{pair.Trim()}\" is not NAME=WEIGHT (or say balanced)");
            string name = pair[..eq].Trim(), value = pair[(eq + 1)..].Trim();
            int index = IndexOf(names, name);
            if (index < 0 || index >= data.Classes)
                throw new FormatException($"no class \"{name}\"; the classes are {string.Join(", ", names)}");
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double w) || !(w >= 0 && double.IsFinite(w)))
                throw new FormatException($"the weight of class \"{name}\" must be a finite number ≥ 0; got \"{value}\"");
            weights[index] = w;
        }
        return weights;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
