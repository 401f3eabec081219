using System.CommandLine.Parsing;
using System.Globalization;
using Backprop.Nn;

namespace Backprop.Cli.Common;

/// <summary>Custom parsers for the train options: each failure becomes one parse error that names the option.</summary>
internal static class OptionParsers
{
    public static Func<ArgumentResult, double?> PositiveNumber(string option) => result =>
        Value(result, option) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v)
            ? v : Fail<double?>(result, $"{option} must be a positive number; got {Shown(result)}");

    public static Func<ArgumentResult, int?> Integer(string option, int min) => result =>
        Value(result, option) is { } text && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
            ? v : Fail<int?>(result, $"{option} must be a whole number of at least {min}; got {Shown(result)}");

    public static Func<ArgumentResult, ulong?> Seed(string option) => result =>
        Value(result, option) is { } text && ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v : Fail<ulong?>(result, $"{option} must be a whole number from 0 to {ulong.MaxValue}; got {Shown(result)}");

    /// <summary>Sizes joined by '-', e.g. <c>2-32-32-3</c>: input, hidden..., output.</summary>
    public static Func<ArgumentResult, int[]?> Layers(string option) => result =>
    {
        if (Value(result, option) is not { } text) return null;
        var parts = text.Split('-');
        if (parts.Length < 2) return Fail<int[]?>(result, $"{option} needs at least an input and an output size joined by '-', e.g. 2-32-32-3; got {Shown(result)}");
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]))
                return Fail<int[]?>(result, parts[i].Length > 0 && parts[i].All(char.IsAsciiDigit)
                    ? $"{option}: size {i} is {parts[i]} in {text}; that is more than {int.MaxValue}"
                    : $"{option}: size {i} is '{parts[i]}', not a whole number, in {text}; expected sizes joined by '-', e.g. 2-32-32-3");
            if (sizes[i] < 1)
                return Fail<int[]?>(result, $"{option}: size {i} is {sizes[i]} in {text}; every size must be at least 1");
        }
        return sizes;
    };

    /// <summary>The hidden activations --activation accepts (every registered elementwise one), as usage text.</summary>
    public static string HiddenActivationNames(string separator) => string.Join(separator, Activation.Registered.Where(e => e.Default.IsElementwise).Select(e => e.Usage));

    public static Func<ArgumentResult, Activation?> HiddenActivation(string option) => result =>
    {
        if (Value(result, option) is not { } text) return null;
        string names = HiddenActivationNames(", ");
        Activation activation;
        try { activation = Activation.Parse(text); }
        catch (FormatException e) when (!e.Message.StartsWith("Unknown", StringComparison.Ordinal)) { return Fail<Activation?>(result, $"{option}: {e.Message}"); }
        catch (FormatException) { return Fail<Activation?>(result, $"{option} must be one of {names}; got {Shown(result)}"); }
        if (!activation.IsElementwise)
            return Fail<Activation?>(result, $"{option}: {activation} is not a hidden activation; expected one of {names}");
        return activation;
    };

    public static Func<ArgumentResult, Loss?> LossFunction(string option) => result =>
    {
        if (Value(result, option) is not { } text) return null;
        try { return Loss.Parse(text); }
        catch (FormatException) { return Fail<Loss?>(result, $"{option} must be one of {Loss.Names}; got {Shown(result)}"); }
    };

    public static Func<ArgumentResult, OutputFormat?> Format(string option) => result =>
        Value(result, option)?.Trim().ToLowerInvariant() switch
        {
            "text" => OutputFormat.Text,
            "markdown" or "md" => OutputFormat.Markdown,
            "json" => OutputFormat.Json,
            null => null,
            _ => Fail<OutputFormat?>(result, $"{option} must be one of text, markdown, json; got {Shown(result)}"),
        };

    /// <summary>A number ≥ 0 (a tolerance of 0 is allowed: it makes every check fail).</summary>
    public static Func<ArgumentResult, double?> NonNegativeNumber(string option) => result =>
        Value(result, option) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? v : Fail<double?>(result, $"{option} must be a number of at least 0; got {Shown(result)}");

    internal static string? Value(ArgumentResult result, string option)
    {
        if (result.Tokens.Count == 1) return result.Tokens[0].Value;
        result.AddError($"{option} needs exactly one value");
        return null;
    }

    internal static string Shown(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : "nothing";

    internal static T Fail<T>(ArgumentResult result, string message)
    {
        if (result.Tokens.Count == 1) result.AddError(message);
        return default!;
    }
}
