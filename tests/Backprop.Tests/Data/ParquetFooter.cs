namespace Backprop.Tests.Data;

/// <summary>Rewrites a Parquet file's footer to claim another row count, as a hostile file would.</summary>
internal static class ParquetFooter
{
    /// <summary>
    /// The file with every i64 field that follows its neighbour (field header 0x16 in Thrift's compact protocol) and holds
    /// <paramref name="rows"/> (the file's and row group's num_rows, a column's num_values) set to <paramref name="claimed"/>.
    /// </summary>
    public static byte[] WithRowCount(byte[] file, long rows, long claimed)
    {
        int footerLength = BitConverter.ToInt32(file, file.Length - 8);
        int start = file.Length - 8 - footerLength;
        byte[] footer = file[start..^8], from = [0x16, .. Varint(rows)], to = [0x16, .. Varint(claimed)];
        var patched = new List<byte>();
        for (int i = 0; i < footer.Length;)
            if (footer.AsSpan(i).StartsWith(from)) { patched.AddRange(to); i += from.Length; }
            else patched.Add(footer[i++]);
        Assert.NotEqual(footer.Length, patched.Count - to.Length + from.Length); // at least the row count was found
        return [.. file[..start], .. patched, .. BitConverter.GetBytes(patched.Count), .. "PAR1"u8];
    }

    /// <summary>The file with <paramref name="tail"/> in place of its footer's last byte (the struct's stop), the footer length fixed.</summary>
    public static byte[] WithFooterEnd(byte[] file, byte[] tail)
    {
        int footerLength = BitConverter.ToInt32(file, file.Length - 8);
        int start = file.Length - 8 - footerLength;
        byte[] footer = [.. file[start..^9], .. tail];
        return [.. file[..start], .. footer, .. BitConverter.GetBytes(footer.Length), .. "PAR1"u8];
    }

    /// <summary>
    /// The file (written by Parquet.Net with one row group) with its row group listed <paramref name="times"/> times in the footer,
    /// each pointing at the same pages, as a hostile file of very many row groups would.
    /// </summary>
    public static byte[] WithRowGroupRepeated(byte[] file, int times)
    {
        int footerLength = BitConverter.ToInt32(file, file.Length - 8);
        int start = file.Length - 8 - footerLength;
        byte[] footer = file[start..^8];
        int list = footer.AsSpan().IndexOf([(byte)0x19, (byte)0x1C]); // field 4 (row_groups): a list of one struct
        int createdBy = footer.AsSpan().IndexOf("Parquet.Net"u8) - 2; // field 6 (created_by) follows it: 0x28 and the length
        Assert.True(list > 0 && createdBy > list && footer[createdBy] == 0x28);
        byte[] group = footer[(list + 2)..createdBy];
        var patched = new List<byte>(footer[..list]) { 0x19, 0xFC };
        patched.AddRange(Varint(times, zigzag: false));
        for (int i = 0; i < times; i++) patched.AddRange(group);
        patched.AddRange(footer[createdBy..]);
        return [.. file[..start], .. patched, .. BitConverter.GetBytes(patched.Count), .. "PAR1"u8];
    }

    /// <summary>A varint, zigzag-coded as the compact protocol writes an integer field, or plain as it writes a length.</summary>
    public static byte[] Varint(long value, bool zigzag = true)
    {
        ulong v = zigzag ? (ulong)((value << 1) ^ (value >> 63)) : (ulong)value;
        var bytes = new List<byte>();
        for (; v >= 0x80; v >>= 7) bytes.Add((byte)(v | 0x80));
        bytes.Add((byte)v);
        return [.. bytes];
    }
}
