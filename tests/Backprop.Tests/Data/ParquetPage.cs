using Parquet;

namespace Backprop.Tests.Data;

/// <summary>Rewrites the first page of a Parquet file's last column in place, as a hostile file would.</summary>
internal static class ParquetPage
{
    /// <summary>Where the last column's first page header starts (its dictionary page's, when it has one).</summary>
    public static long LastColumnStart(string path) => Task.Run(async () =>
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var column = reader.Metadata!.RowGroups[0].Columns[^1].MetaData!;
        return column.DictionaryPageOffset ?? column.DataPageOffset;
    }).GetAwaiter().GetResult();

    /// <summary>
    /// The file with the page header's <paramref name="index"/>-th i32 field (0 the page type, 1 the uncompressed size, 2 the
    /// compressed size, 3 the first field of the nested page header) set to <paramref name="value"/>.
    /// </summary>
    public static byte[] WithInt(byte[] file, long start, int index, int value)
    {
        int at = (int)start;
        for (int seen = 0; ; at++)
        {
            if ((file[at] & 0x0F) == 0x0C) continue; // a nested struct: its fields follow
            Assert.Equal(0x05, file[at] & 0x0F);     // an i32 field
            int end = at + 1;
            while ((file[end] & 0x80) != 0) end++;
            if (seen++ == index) return [.. file[..(at + 1)], .. Varint((uint)((value << 1) ^ (value >> 31))), .. file[(end + 1)..]];
            at = end;
        }
    }

    /// <summary>The file with the Snappy stream of the page (the column's only one) announcing <paramref name="length"/> bytes.</summary>
    public static byte[] WithSnappyLength(byte[] file, long start, int length)
    {
        var (dataStart, _) = PageData(file, start);
        int end = dataStart;
        while ((file[end] & 0x80) != 0) end++;
        byte[] announced = Varint((uint)length);
        return Resized(WithBytes(file, dataStart, end + 1, announced), start, announced.Length - (end + 1 - dataStart));
    }

    /// <summary>The file with the Zstandard frame of the page (the column's only one) announcing <paramref name="size"/> bytes.</summary>
    public static byte[] WithZstdContentSize(byte[] file, long start, int size)
    {
        var (dataStart, _) = PageData(file, start);
        Assert.Equal(0xFD2FB528u, BitConverter.ToUInt32(file, dataStart));
        byte descriptor = file[dataStart + 4];
        bool singleSegment = (descriptor & 0x20) != 0;
        int sizeBytes = (descriptor >> 6) switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        int idBytes = (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        int sizeAt = dataStart + 5 + (singleSegment ? 0 : 1) + idBytes;
        byte[] patched = WithBytes(file, sizeAt, sizeAt + sizeBytes, BitConverter.GetBytes(size));
        patched[dataStart + 4] = (byte)((descriptor & 0x3F) | 0x80); // a 4-byte content size
        return Resized(patched, start, 4 - sizeBytes);
    }

    // The page data of the column's only page: its compressed size before the footer.
    private static (int Start, int Length) PageData(byte[] file, long start)
    {
        int footerStart = file.Length - 8 - BitConverter.ToInt32(file, file.Length - 8);
        int compressed = ReadInt(file, start, 2);
        return (footerStart - compressed, compressed);
    }

    // The page header's compressed size grown by `delta` bytes.
    private static byte[] Resized(byte[] file, long start, int delta) => WithInt(file, start, 2, ReadInt(file, start, 2) + delta);

    private static int ReadInt(byte[] file, long start, int index)
    {
        int at = (int)start;
        for (int seen = 0; ; at++)
        {
            int end = at + 1;
            uint value = 0;
            for (int shift = 0; ; shift += 7, end++)
            {
                value |= (uint)(file[end] & 0x7F) << shift;
                if ((file[end] & 0x80) == 0) break;
            }
            if (seen++ == index) return (int)(value >> 1) ^ -(int)(value & 1);
            at = end;
        }
    }

    private static byte[] WithBytes(byte[] file, int from, int to, byte[] bytes) => [.. file[..from], .. bytes, .. file[to..]];

    private static byte[] Varint(uint value)
    {
        var bytes = new List<byte>();
        for (; value >= 0x80; value >>= 7) bytes.Add((byte)(value | 0x80));
        bytes.Add((byte)value);
        return [.. bytes];
    }
}
