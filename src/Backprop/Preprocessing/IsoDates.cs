using System.Globalization;

namespace Backprop.Preprocessing;

/// <summary>ISO 8601 dates and date-times as table cells write them: <c>2014-11-06</c>, <c>2014-11-06T09:30</c>, <c>2014-11-06 09:30:15.5Z</c>, with an offset or not.</summary>
internal static class IsoDates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mmK", "yyyy-MM-ddTHH:mm:ssK", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>Whether <paramref name="cell"/> is an ISO 8601 date; <paramref name="date"/> is its date and time as written (an offset is not applied).</summary>
    public static bool TryParse(ReadOnlySpan<char> cell, out DateTime date)
    {
        date = default;
        if (cell.Length < 10 || cell[4] != '-' || cell[7] != '-') return false;
        if (!DateTimeOffset.TryParseExact(cell, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        date = parsed.DateTime;
        return true;
    }

    /// <summary>Whether <paramref name="cell"/> reads as a date in some other common form (<c>06/11/2014</c>, <c>6 Nov 2014</c>): for the "two formats" message.</summary>
    public static bool LooksLikeDate(string cell) =>
        cell.Any(char.IsDigit) && (DateTime.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || DateTime.TryParseExact(cell, ["dd/MM/yyyy", "d/M/yyyy", "dd.MM.yyyy", "yyyy/MM/dd", "dd-MM-yyyy", "MM-dd-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _));

    /// <summary>The four numbers a date becomes: year, month (1–12), day of week (0 = Monday … 6 = Sunday), day of year (1–366).</summary>
    public static void Parts(DateTime date, Span<double> parts)
    {
        parts[0] = date.Year;
        parts[1] = date.Month;
        parts[2] = ((int)date.DayOfWeek + 6) % 7;
        parts[3] = date.DayOfYear;
    }
}
