namespace Backprop.Cli.Common;

/// <summary>
/// ANSI colour for text output, on only when writing to the real console's stdout, it is a terminal, and NO_COLOR is unset
/// (https://no-color.org); anything else (pipes, files, tests' writers) gets plain text.
/// </summary>
internal sealed class TerminalStyle(bool enabled)
{
    public static TerminalStyle Plain { get; } = new(false);

    public static TerminalStyle For(TextWriter writer) => new(ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    public bool Enabled { get; } = enabled;

    public string Heading(string text) => Wrap("1", text);

    public string Formula(string text) => Wrap("36", text);

    public string Good(string text) => Wrap("32", text);

    public string Bad(string text) => Wrap("31", text);

    private string Wrap(string code, string text) => Enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
