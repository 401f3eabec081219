using System.Globalization;
using System.Runtime.CompilerServices;

namespace Backprop.Data;

/// <summary>
/// Parses a trimmed ASCII cell into a double exactly as <see cref="Numbers.TryParse"/> parses its text: plain decimals of at most
/// 2^53 in their digits and a power of ten up to 22 are read directly (one correctly rounded multiply or divide: m·10^e or m/10^e,
/// both operands exact), anything else by <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>.
/// </summary>
internal static class Utf8Numbers
{
    private const ulong MaxExactMantissa = 1UL << 53, MaxAccumulated = 100_000_000_000_000_000UL;

    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>The number <paramref name="cell"/> holds (NaN and infinities parse; callers refuse them); false when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<byte> cell, out double value) =>
        TryParseExact(cell, out value) || double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    // [sign] digits [. digits] [e [sign] digits], with the value exact by Clinger's fast path; false leaves the cell to the full parser.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseExact(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0, n = s.Length, scale = 0;
        bool negative = false;
        if (n > 0 && (s[0] == '-' || s[0] == '+')) { negative = s[0] == '-'; i++; }
        ulong mantissa = 0;
        int digits = 0;
        for (; i < n && (uint)(s[i] - '0') <= 9; i++, digits++)
        {
            if (mantissa >= MaxAccumulated) return false;
            mantissa = mantissa * 10 + (uint)(s[i] - '0');
        }
        if (i < n && s[i] == '.')
            for (i++; i < n && (uint)(s[i] - '0') <= 9; i++, digits++, scale--)
            {
                if (mantissa >= MaxAccumulated) return false;
                mantissa = mantissa * 10 + (uint)(s[i] - '0');
            }
        if (digits == 0) return false;
        if (i < n && (s[i] | 0x20) == 'e')
        {
            i++;
            bool negativeExponent = i < n && s[i] == '-';
            if (i < n && (s[i] == '-' || s[i] == '+')) i++;
            int first = i, exponent = 0;
            for (; i < n && (uint)(s[i] - '0') <= 9 && i - first < 4; i++) exponent = exponent * 10 + (s[i] - '0');
            if (i == first) return false;
            scale += negativeExponent ? -exponent : exponent;
        }
        if (i != n || mantissa > MaxExactMantissa) return false;
        if (mantissa == 0) { value = negative ? -0.0 : 0.0; return true; }
        if (scale < -22 || scale > 22) return false;
        double m = mantissa;
        value = scale < 0 ? m / PowersOfTen[-scale] : m * PowersOfTen[scale];
        if (negative) value = -value;
        return true;
    }
}
