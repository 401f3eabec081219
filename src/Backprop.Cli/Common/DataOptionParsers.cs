using System.CommandLine.Parsing;
using System.Globalization;
using Backprop.Data;

namespace Backprop.Cli.Common;

/// <summary>Parsers for the options of real data (files, MNIST) and the commands that use models; each failure is one parse error naming the option.</summary>
internal static class DataOptionParsers
{
    public static Func<ArgumentResult, DataSource?> Data(string option) => result =>
    {
        if (OptionParsers.Value(result, option) is not { } text) return null;
        return DataSource.TryParse(text, out var error) ?? OptionParsers.Fail<DataSource?>(result,
            $"{option} must be {DataSource.KnownNames}, a data file or mnist:DIR; got {text}, which is {error}");
    };

    /// <summary>Hidden layer sizes joined by ',' (e.g. <c>64,32</c>); an empty list means none.</summary>
    public static Func<ArgumentResult, int[]?> Sizes(string option) => result =>
    {
        if (OptionParsers.Value(result, option) is not { } text) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
                return OptionParsers.Fail<int[]?>(result, $"{option}: '{parts[i]}' in {text} is not a size; expected whole numbers of at least 1 joined by ',', e.g. 64,32");
        return sizes;
    };

    /// <summary>One of <paramref name="choices"/> (case-insensitive), returned in lower case.</summary>
    public static Func<ArgumentResult, string?> Choice(string option, params string[] choices) => result =>
    {
        if (OptionParsers.Value(result, option) is not { } text) return null;
        string lower = text.Trim().ToLowerInvariant();
        return choices.Contains(lower) ? lower : OptionParsers.Fail<string?>(result, $"{option} must be one of {string.Join(", ", choices)}; got {text}");
    };

    /// <summary>A fraction from 0 (inclusive) to 1 (exclusive).</summary>
    public static Func<ArgumentResult, double?> Fraction(string option) => result =>
        OptionParsers.Value(result, option) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && v < 1
            ? v : OptionParsers.Fail<double?>(result, $"{option} must be a fraction from 0 up to (not including) 1, e.g. 0.2; got {OptionParsers.Shown(result)}");

    /// <summary>A separator: <c>,</c> <c>;</c> <c>tab</c> (or a tab character), <c>whitespace</c>, or any other single character.</summary>
    public static Func<ArgumentResult, string?> Separator(string option) => result =>
    {
        if (OptionParsers.Value(result, option) is not { } text) return null;
        return text.ToLowerInvariant() switch
        {
            "tab" or "\\t" or "\t" => "\t",
            "whitespace" or "space" or "spaces" => CsvOptions.Whitespace,
            "comma" => ",",
            "semicolon" => ";",
            _ when text.Length == 1 && text[0] != '"' => text,
            _ => OptionParsers.Fail<string?>(result, $"{option} must be ',', ';', tab, whitespace or another single character; got '{text}'"),
        };
    };
}
