using System.Globalization;

namespace Backprop.Data;

/// <summary>Culture-independent number parsing and formatting for data files.</summary>
internal static class Numbers
{
    /// <summary>Parses a decimal or exponent number the same way on every machine (NaN and infinities parse; callers refuse them).</summary>
    public static bool TryParse(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>The shortest text that reads back as <paramref name="value"/>.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
