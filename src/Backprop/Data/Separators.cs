using Backprop.Errors;

namespace Backprop.Data;

/// <summary>Detects a file's field separator from its first lines.</summary>
internal static class Separators
{
    private static readonly string[] Candidates = [",", ";", "\t", CsvOptions.Whitespace];

    /// <summary>
    /// The candidate (<c>,</c> <c>;</c> tab, whitespace) whose most common field count over <paramref name="lines"/> is largest
    /// among those that split at least half the lines into that count and into two or more fields; ties go in that order. Null if none does.
    /// </summary>
    public static string? Detect(IReadOnlyList<string> lines, char quote)
    {
        string? best = null;
        int bestCount = 1;
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => CountFields(l, candidate, quote)).ToList();
            var mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            if (mode.Count() * 2 >= counts.Count && mode.Key > bestCount) (best, bestCount) = (candidate, mode.Key);
        }
        return best;
    }

    /// <summary>The number of fields <paramref name="line"/> splits into, with separators inside quotes not counted.</summary>
    internal static int CountFields(string line, string separator, char quote)
    {
        bool inQuote = false, whitespace = separator == CsvOptions.Whitespace, inField = false;
        int fields = whitespace ? 0 : 1;
        foreach (char c in line)
        {
            if (c == quote) inQuote = !inQuote;
            if (whitespace)
            {
                bool blank = !inQuote && (c == ' ' || c == '\t');
                if (!blank && !inField) fields++;
                inField = !blank;
            }
            else if (!inQuote && c == separator[0]) fields++;
        }
        return fields;
    }

    /// <summary>The single character a separator option stands for (whitespace runs are rewritten to tabs first); neither the quote nor a line break.</summary>
    public static char ToChar(string separator, string file, char quote)
    {
        char c = separator switch
        {
            CsvOptions.Whitespace => '\t',
            "\\t" or "tab" => '\t',
            { Length: 1 } => separator[0],
            _ => throw BackpropException.BadSetting($"{file}: separator \"{separator}\" is neither one character nor \"{CsvOptions.Whitespace}\"."),
        };
        if (quote is '\n' or '\r' or '\0') throw BackpropException.BadSetting($"{file}: the quote character cannot be a line break or NUL.");
        if (c == quote || c is '\n' or '\r' or '\0')
            throw BackpropException.BadSetting($"{file}: the separator cannot be {(c == quote ? "the quote character" : "a line break or NUL")}; choose another.");
        return c;
    }
}
