using System.Buffers.Binary;
using CsCheck;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Mutations of a Parquet file's bytes: bit flips, bytes overwritten, truncation and inserted bytes, and two that know the
/// format, reaching what byte flips rarely do: a Thrift integer (in the footer or a page header), or a varint after a
/// struct's end (where a page's compressed stream announces its size), set to an extreme value, and the footer-length word
/// set to a small or large one; and two that edit the schema as a hostile file would: a repetition type flipped (nulls in a
/// required column) and a column renamed to another's name.
/// </summary>
internal static class ParquetMutations
{
    /// <summary>A mutation drawn from all of them; it may change the file's length.</summary>
    public static readonly Gen<Func<byte[], byte[]>> Any = Gen.OneOf(
        Gen.Int[0, 1 << 12].Select(Gen.Int[0, 7], (at, bit) => (Func<byte[], byte[]>)(b => Change(b, at, v => (byte)(v ^ (1 << bit))))),
        Gen.Int[0, 1 << 12].Select(Gen.Byte, (at, value) => (Func<byte[], byte[]>)(b => Change(b, at, _ => value))),
        Gen.Int[0, 1 << 12].Select(at => (Func<byte[], byte[]>)(b => b[..(at % (b.Length + 1))])),
        Gen.Int[0, 1 << 12].Select(Gen.Byte.Array[1, 8], (at, what) => (Func<byte[], byte[]>)(b => [.. b[..(at % (b.Length + 1))], .. what, .. b[(at % (b.Length + 1))..]])),
        Gen.Int[0, 1 << 16].Select(Extreme, Gen.Bool, (which, value, inPlace) => (Func<byte[], byte[]>)(b => SetInteger(b, which, value, inPlace))),
        Gen.Int[0, 1 << 16].Select(Extreme, Gen.Bool, (which, value, inPlace) => (Func<byte[], byte[]>)(b => SetPageStart(b, which, value, inPlace))),
        Extreme.Select(value => (Func<byte[], byte[]>)(b => SetFooterLength(b, value))),
        Gen.Int[0, 1 << 8].Select(which => (Func<byte[], byte[]>)(b => FlipRepetition(b, which))),
        Gen.Int[0, 1 << 8].Select(Gen.Int[0, 1 << 8], (which, to) => (Func<byte[], byte[]>)(b => RenameColumn(b, which, to))));

    // The footer's bytes: where a schema is.
    private static (int Start, int End) Footer(byte[] bytes)
    {
        if (bytes.Length < 12) return (0, 0);
        int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        return length > 0 && length <= bytes.Length - 12 ? (bytes.Length - 8 - length, bytes.Length - 8) : (0, 0);
    }

    // The `which`-th schema element's repetition type (field 3 after field 1: 0x25, then 0 for required or 2 for optional) flipped:
    // a column with nulls declared required, or a required one optional (the reader's required-column checks).
    private static byte[] FlipRepetition(byte[] bytes, int which)
    {
        var (start, end) = Footer(bytes);
        var at = Enumerable.Range(start, Math.Max(0, end - start - 1)).Where(i => bytes[i] == 0x25 && bytes[i + 1] is 0x00 or 0x02).ToList();
        if (at.Count == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        copy[at[which % at.Count] + 1] ^= 0x02;
        return copy;
    }

    // The `which`-th one-letter name (0x18 0x01 X: a binary field 4, a schema element's name) renamed to the `to`-th one's letter: two
    // columns of one name, or a schema that no longer names its chunks' paths.
    private static byte[] RenameColumn(byte[] bytes, int which, int to)
    {
        var (start, end) = Footer(bytes);
        var at = Enumerable.Range(start, Math.Max(0, end - start - 2)).Where(i => bytes[i] == 0x18 && bytes[i + 1] == 0x01).ToList();
        if (at.Count == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        copy[at[which % at.Count] + 2] = bytes[at[to % at.Count] + 2];
        return copy;
    }

    // Values that sit on the edges of what a size, count or offset can be, and any other int.
    private static Gen<long> Extreme => Gen.OneOf(
        Gen.OneOf<long>(0, 1, -1, 2, 1 << 30, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, long.MaxValue, long.MinValue),
        Gen.Int.Select(i => (long)i));

    // The footer and its length sit at the end: changes there are drawn more often by counting positions from the end too.
    private static byte[] Change(byte[] bytes, int at, Func<byte, byte> change)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        int i = at % 2 == 0 ? at / 2 % copy.Length : copy.Length - 1 - at / 2 % copy.Length;
        copy[i] = change(copy[i]);
        return copy;
    }

    // The footer-length word (the 4 bytes before the closing magic) set to `value`'s low 32 bits.
    private static byte[] SetFooterLength(byte[] bytes, long value)
    {
        if (bytes.Length < 8) return bytes;
        var copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(copy.Length - 8), (int)value);
        return copy;
    }

    // The `which`-th integer field (of those IntegerFields finds) set to `value`, coded as the compact protocol codes it.
    private static byte[] SetInteger(byte[] bytes, int which, long value, bool inPlace)
    {
        var fields = IntegerFields(bytes);
        if (fields.Count == 0) return bytes;
        var (at, length, wide) = fields[which % fields.Count];
        ulong zigzag = wide ? (ulong)((value << 1) ^ (value >> 63)) : (uint)(((int)value << 1) ^ ((int)value >> 31));
        return Replace(bytes, at, length, Varint(zigzag), inPlace);
    }

    // The varint that opens the data of the `which`-th page (of those PageData finds) set to `value`, unsigned: a Snappy
    // stream opens with the size it announces.
    private static byte[] SetPageStart(byte[] bytes, int which, long value, bool inPlace)
    {
        var found = PageData(bytes);
        if (found.Count == 0) return bytes;
        int at = found[which % found.Count], old = VarintLength(bytes, at, 10);
        return Replace(bytes, at, old, Varint((ulong)value), inPlace);
    }

    // Where the data of each page starts: after a struct that opens as a page header does (fields 1, 2 and 3, i32s).
    private static List<int> PageData(byte[] bytes)
    {
        var found = new List<int>();
        for (int i = 0; i < bytes.Length; i++)
        {
            int at = i;
            if (Opens(bytes, i) && SkipStruct(bytes, ref at) && VarintLength(bytes, at, 10) > 0) found.Add(at);
        }
        return found;
    }

    // Whether the struct at `at` opens with fields 1, 2 and 3 as i32s.
    private static bool Opens(byte[] bytes, int at)
    {
        for (int field = 0; field < 3; field++)
        {
            int length = at < bytes.Length && bytes[at] == 0x15 ? VarintLength(bytes, at + 1, 5) : 0;
            if (length == 0) return false;
            at += 1 + length;
        }
        return true;
    }

    // Moves `at` past a compact-protocol struct, its values skipped by their type codes; false when it runs off the bytes.
    private static bool SkipStruct(byte[] bytes, ref int at)
    {
        for (int fields = 0; fields < 64 && at < bytes.Length; fields++)
        {
            byte header = bytes[at++];
            if (header == 0) return true;
            if (header >> 4 == 0 || !SkipValue(bytes, ref at, header & 0x0F)) return false;
        }
        return false;
    }

    private static bool SkipValue(byte[] bytes, ref int at, int code)
    {
        switch (code)
        {
            case 1 or 2: return true;
            case 3: return ++at <= bytes.Length;
            case 4 or 5 or 6:
                int length = VarintLength(bytes, at, 10);
                at += length;
                return length > 0;
            case 7: return (at += 8) <= bytes.Length;
            case 8:
                int sizeLength = VarintLength(bytes, at, 5);
                long size = 0;
                for (int i = 0; i < sizeLength; i++) size |= (long)(bytes[at + i] & 0x7F) << (7 * i);
                at += sizeLength + (int)Math.Min(size, bytes.Length);
                return sizeLength > 0 && at <= bytes.Length;
            case 12: return SkipStruct(bytes, ref at);
            default: return false;
        }
    }

    // Where a Thrift compact field header of an i32 or i64 (type code 5 or 6, a short id step in the high 4 bits) is followed
    // by a whole varint: the varint's start, its length, and whether the field is an i64. The footer and page headers hold
    // most of them; a few are data bytes that happen to look like one, which is just another mutation.
    private static List<(int At, int Length, bool Wide)> IntegerFields(byte[] bytes)
    {
        var found = new List<(int, int, bool)>();
        for (int i = 0; i + 1 < bytes.Length; i++)
        {
            int code = bytes[i] & 0x0F;
            if (code is 5 or 6 && bytes[i] >> 4 != 0 && VarintLength(bytes, i + 1, code == 6 ? 10 : 5) is > 0 and var length)
                found.Add((i + 1, length, code == 6));
        }
        return found;
    }

    // The `length` bytes at `at` replaced by the varint `by`: the file's length changes with the varint's (which moves every
    // part after it), or, `inPlace`, is kept (a shorter varint padded with continuation bytes, a longer one written over
    // the bytes after it), so the offsets the footer holds still point where they did.
    private static byte[] Replace(byte[] bytes, int at, int length, byte[] by, bool inPlace)
    {
        if (!inPlace) return [.. bytes[..at], .. by, .. bytes[(at + length)..]];
        if (by.Length < length) by = [.. by[..^1], (byte)(by[^1] | 0x80), .. Enumerable.Repeat((byte)0x80, length - by.Length - 1), 0];
        var copy = (byte[])bytes.Clone();
        by.AsSpan(0, Math.Min(by.Length, copy.Length - at)).CopyTo(copy.AsSpan(at));
        return copy;
    }

    // The length of the varint of at most `most` bytes at `at`, or 0 when there is none whole.
    private static int VarintLength(byte[] bytes, int at, int most)
    {
        for (int length = 1; length <= most && at + length <= bytes.Length; length++)
            if ((bytes[at + length - 1] & 0x80) == 0) return length;
        return 0;
    }

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7) bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
