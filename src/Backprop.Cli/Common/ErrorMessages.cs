using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Backprop.Errors;
using Backprop.IO;

namespace Backprop.Cli.Common;

/// <summary>Turns parse errors and exceptions into the one-line messages the CLI prints.</summary>
internal static partial class ErrorMessages
{
    /// <summary>The most useful of the parse errors: an unknown token first, then a missing command, then the first option error.</summary>
    public static string ForParse(ParseResult parsed)
    {
        string command = CommandPath(parsed.CommandResult);
        string help = $" (see '{command} --help')";
        if (parsed.UnmatchedTokens.Count > 0)
        {
            string token = parsed.UnmatchedTokens[0];
            return (token.StartsWith('-') ? $"unknown option '{token}' for '{command}'"
                : parsed.CommandResult.Command.Subcommands.Count > 0 ? $"unknown command '{token}' for '{command}'"
                : $"unexpected argument '{token}' for '{command}'") + help;
        }
        if (parsed.CommandResult.Command.Subcommands.Count > 0 && parsed.Errors.All(e => e.SymbolResult is CommandResult))
            return $"no command given; try '{command} {parsed.CommandResult.Command.Subcommands[0].Name}'" + help;
        return parsed.Errors.Count > 0 ? parsed.Errors[0].Message : "invalid command line" + help;
    }

    private static string CommandPath(CommandResult result) =>
        result.Parent is CommandResult parent ? $"{CommandPath(parent)} {result.Command.Name}" : result.Command.Name;

    /// <summary>
    /// An operating system's refusal in our words: the path .NET quotes in its message (a temporary file named by the user's path,
    /// through <paramref name="userPath"/>) and the problem, e.g. "out.csv: permission denied".
    /// </summary>
    private static string ForSystem(Exception e, Func<string, string> userPath)
    {
        var quoted = QuotedPath().Match(e.Message);
        string? path = e is FileNotFoundException { FileName: { } name } ? name : quoted.Success ? quoted.Groups[1].Value : null;
        if (path is null) return $"a file could not be read or written: {FileError.Reason(e)}";
        return $"{userPath(path)}: {FileError.Reason(e, path)}";
    }

    /// <summary>
    /// Any other exception as one line: our own code's message; the operating system's refusal in our words (<see cref="ForSystem"/>);
    /// else an internal error named by type only (its text is .NET's, and a stack trace helps no user).
    /// </summary>
    public static string ForUnexpected(Exception e, ParseResult parsed, Func<string, string> userPath) =>
        ThrownByUs(e) ? OneLine(e)
        : FileError.IsFromSystem(e) ? ForSystem(e, userPath)
        : $"internal error ({e.GetType().Name}) in '{CommandPath(parsed.CommandResult)}'; please report it";

    /// <summary>
    /// Whether our own code threw <paramref name="e"/> with a message of its own (a refusal not yet a <see cref="Errors.BackpropException"/>),
    /// rather than .NET's code or the runtime (an overflow, an index out of range, a null reference), whose text must not reach the user.
    /// </summary>
    private static bool ThrownByUs(Exception e) =>
        (e is ArgumentException or FormatException or InvalidDataException or IOException or InvalidOperationException || e.GetType() == typeof(ArithmeticException))
        && ThrowingMethod(e).StartsWith("Backprop.", StringComparison.Ordinal);

    // The method that threw, as the first frame of the stack trace names it ("Backprop.Data.CsvTable.Read(...)"): every type of ours is in
    // a Backprop namespace. Read from the trace's text, not Exception.TargetSite, whose reflection metadata a Native AOT build does not keep.
    private static string ThrowingMethod(Exception e)
    {
        var frame = e.StackTrace.AsSpan().TrimStart();
        if (frame.IndexOfAny('\n', '\r') is >= 0 and var end) frame = frame[..end];
        int word = frame.IndexOf(' '); // "at", in the runtime's language
        return word < 0 ? "" : frame[(word + 1)..].ToString();
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedPath();

    /// <summary>
    /// Our own code's message without .NET's " (Parameter 'x')" decoration, on one line; for an exception .NET threw, only its
    /// type (its text is not ours to show).
    /// </summary>
    public static string OneLine(Exception e)
    {
        if (!ThrownByUs(e)) return $"an unexpected {e.GetType().Name}; please report it";
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            int at = message.IndexOf($" (Parameter '{name}')", StringComparison.Ordinal);
            if (at >= 0) message = message[..at];
        }
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? e.GetType().Name : string.Join(" ", lines);
    }
}
