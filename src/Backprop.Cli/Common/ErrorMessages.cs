using System.CommandLine;
using System.CommandLine.Parsing;

namespace Backprop.Cli.Common;

/// <summary>Turns parse errors and exceptions into the one-line messages the CLI prints.</summary>
internal static class ErrorMessages
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

    /// <summary>The message without .NET's " (Parameter 'x')" and "Actual value was" decorations, on one line.</summary>
    public static string OneLine(Exception e)
    {
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
