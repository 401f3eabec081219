namespace Backprop.Tests.Fuzz;

/// <summary>Finding the end of a JSON value in text, for mutations that copy or replace one.</summary>
internal static class JsonText
{
    /// <summary>The index just after the JSON value that starts at (or after spaces from) <paramref name="start"/>: brackets and strings balanced; the end of the text if it never closes.</summary>
    public static int EndOfValue(string s, int start)
    {
        int depth = 0;
        bool inString = false;
        for (int i = start; i < s.Length; i++)
        {
            char c = s[i];
            if (inString) { if (c == '\\') i++; else if (c == '"') { inString = false; if (depth == 0) return i + 1; } continue; }
            if (c == '"') inString = true;
            else if (c is '[' or '{') depth++;
            else if (c is ']' or '}') { if (--depth <= 0) return depth < 0 ? i : i + 1; }
            else if (c == ',' && depth == 0) return i;
        }
        return s.Length;
    }
}
