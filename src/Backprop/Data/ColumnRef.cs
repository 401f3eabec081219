using System.Globalization;
using Backprop.Errors;

namespace Backprop.Data;

/// <summary>Finds a column named by header name or by 0-based index (negative from the end).</summary>
internal static class ColumnRef
{
    /// <summary>
    /// The 0-based index of the column <paramref name="spec"/> names; <paramref name="role"/> ("target", "drop") goes into the error.
    /// <paramref name="named"/>: the columns have names (a header, or names given), not only indices.
    /// </summary>
    public static int Resolve(string spec, IReadOnlyList<string> columns, bool named, string file, string role)
    {
        spec = spec.Trim();
        if (named)
        {
            var matches = Enumerable.Range(0, columns.Count).Where(i => columns[i] == spec).ToList();
            if (matches.Count > 1) throw BackpropException.BadSetting($"{file}: {role} column \"{RecordTable.Shown(spec)}\" is ambiguous: the header has it {matches.Count} times (columns {string.Join(", ", matches)}); give its index.");
            if (matches.Count == 1) return matches[0];
        }
        if (int.TryParse(spec, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
        {
            int n = columns.Count;
            if (index >= -n && index < n) return index < 0 ? index + n : index;
            throw BackpropException.BadSetting($"{file}: {role} column index {index} is out of range; the file has {n} columns (0..{n - 1}, or -{n}..-1 from the end).");
        }
        string known = named ? "the columns are " + RecordTable.Shown(string.Join(", ", columns.Select(c => $"\"{RecordTable.Shown(c)}\"")), 400)
            : $"the file has no header, so give a 0-based index 0..{columns.Count - 1} (negative from the end)";
        throw BackpropException.BadSetting($"{file}: unknown {role} column \"{RecordTable.Shown(spec)}\"; {known}.");
    }
}
