using System.Buffers;
using System.Runtime.CompilerServices;

namespace Backprop.Data;

/// <summary>
/// What the byte-level reader of a delimited text file needs to know of its lines: the delimiter, the number of fields, what each
/// field is (a feature's place in a row, the target, or skipped), the missing-value tokens, and the bytes it leaves to the text
/// reader (non-ASCII, control characters, the quote): a line holding one is not read here.
/// </summary>
internal sealed class CsvLayout
{
    /// <summary>A field's role: read by no one (a dropped column), or the target.</summary>
    public const int Skip = -1, Target = -2;

    private CsvLayout(byte delimiter, int[] roles, int features, string[] tokens, SearchValues<byte> unread)
    {
        Delimiter = delimiter; Roles = roles; Features = features; Tokens = tokens; Unread = unread;
    }

    /// <summary>The field delimiter.</summary>
    public byte Delimiter { get; }

    /// <summary>Each field's role: its feature's index in a row, <see cref="Target"/> or <see cref="Skip"/>.</summary>
    public int[] Roles { get; }

    /// <summary>The number of fields of every line.</summary>
    public int Width => Roles.Length;

    /// <summary>The number of features of a row.</summary>
    public int Features { get; }

    /// <summary>The missing-value tokens (a target cell equal to one is not read here).</summary>
    public string[] Tokens { get; }

    /// <summary>The bytes that make a line the text reader's: the quote, bytes above 0x7F, control characters but tab and CR.</summary>
    public SearchValues<byte> Unread { get; }

    /// <summary>The layout of a table of <paramref name="width"/> fields; null when the delimiter or quote keeps the byte reader out.</summary>
    public static CsvLayout? Of(char delimiter, char quote, int width, int[] features, int target, IEnumerable<string> tokens)
    {
        if (delimiter > 0x7E || delimiter < 0x20 && delimiter != '\t') return null;
        var roles = Enumerable.Repeat(Skip, width).ToArray();
        for (int k = 0; k < features.Length; k++) roles[features[k]] = k;
        if (target >= 0) roles[target] = Target;
        var unread = Enumerable.Range(0, 256).Where(b => b >= 0x7F || b < 0x20 && b != '\t' && b != '\r' || b == quote).Select(b => (byte)b);
        return new CsvLayout((byte)delimiter, roles, features.Length, [.. tokens], SearchValues.Create([.. unread]));
    }

    /// <summary>Whether the byte reader reads <paramref name="line"/>: none of <see cref="Unread"/>, and CR only at its end (CRLF).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Reads(ReadOnlySpan<byte> line) =>
        line.IndexOfAny(Unread) < 0 && line.IndexOf((byte)'\r') is var cr && (cr < 0 || cr == line.Length - 1);

    /// <summary>Whether <paramref name="line"/> is skipped as empty: one field of blanks only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOf(Delimiter) < 0 && Trim(line).Length == 0;

    /// <summary>A cell without the blanks around it (the text reader trims cells).</summary>
    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> cell) => cell.Trim(" \t\r"u8);
}
