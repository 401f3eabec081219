using System.Globalization;

namespace Backprop.Data;

/// <summary>Culture-independent number parsing and formatting for data files.</summary>
internal static class Numbers
{
    /// <summary>Parses a decimal or exponent number the same way on every machine (NaN and infinities parse; callers refuse them).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>A number, or a boolean (<c>true</c>/<c>false</c>, any case) as 1/0: a 0/1 column such as a label of a multilabel target.</summary>
    public static bool TryParseOrBoolean(ReadOnlySpan<char> text, out double value)
    {
        if (TryParse(text, out value)) return true;
        var trimmed = text.Trim();
        if (trimmed.Equals("true", StringComparison.OrdinalIgnoreCase)) { value = 1; return true; }
        if (trimmed.Equals("false", StringComparison.OrdinalIgnoreCase)) { value = 0; return true; }
        return false;
    }

    /// <summary>The shortest text that reads back as <paramref name="value"/>.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>How messages name the range of the element type <typeparamref name="T"/>, e.g. "the range of float32 (about ±3.4e38)".</summary>
    public static string RangeOf<T>() =>
        typeof(T) == typeof(float) ? "the range of float32 (about ±3.4e38)" : typeof(T) == typeof(double) ? "the range of float64 (about ±1.8e308)" : $"the range of {typeof(T).Name}";
}
