using System.Globalization;
using System.Text;

namespace Backprop.Text;

/// <summary>
/// Text that came from a file (class, column and feature names, metadata), made inert before it is shown: on the terminal every
/// control character is written as an escape (ESC as <c>\x1b</c>, a line break as <c>\n</c>; C1 controls, DEL and the bidirectional
/// overrides too), so a name cannot set the terminal's title, clear the screen or reorder what follows; in a CSV a text cell a
/// spreadsheet would run as a formula (first character <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) is prefixed
/// with <c>'</c>, as OWASP advises. Numbers the tool writes are not data text and are never prefixed.
/// </summary>
internal static class Inert
{
    /// <summary><paramref name="text"/> with every control character escaped: <c>\x1b</c>, <c>\n</c>, <c>\t</c>, <c>\u202e</c>.</summary>
    public static string Text(string text)
    {
        if (!text.Any(IsControl)) return text;
        var s = new StringBuilder(text.Length + 8);
        foreach (char ch in text)
        {
            if (!IsControl(ch)) s.Append(ch);
            else if (ch == '\n') s.Append("\\n");
            else if (ch == '\r') s.Append("\\r");
            else if (ch == '\t') s.Append("\\t");
            else if (ch < 0x100) s.Append("\\x").Append(((int)ch).ToString("x2", CultureInfo.InvariantCulture));
            else s.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
        }
        return s.ToString();
    }

    /// <summary>Each of <paramref name="texts"/> made inert (<see cref="Text"/>).</summary>
    public static IReadOnlyList<string> Texts(IEnumerable<string> texts) => [.. texts.Select(Text)];

    /// <summary>
    /// A CSV field holding text from data: prefixed with <c>'</c> when a spreadsheet would read it as a formula, then quoted (quotes
    /// doubled) when it holds the separator, a quote or a line break. Control characters are kept: the file is data, not the terminal.
    /// </summary>
    public static string CsvCell(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    // C0 and C1 controls, DEL, and the characters that reorder text (bidirectional embeddings, overrides and isolates).
    private static bool IsControl(char ch) => char.IsControl(ch) || ch is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069';
}
