using Parquet.Meta;

namespace Backprop.Data;

/// <summary>
/// Checks each page header of a column chunk as Parquet.Net 6.1 is about to read it (it seeks to every page header from the
/// file's start, and <see cref="BoundedReadStream.Seeking"/> calls <see cref="Check"/> first): the header read as Parquet.Net
/// reads it (<see cref="ThriftWalk"/>), the page's bytes inside the file, and the memory the page makes it allocate. Parquet.Net
/// allocates what a page claims: its uncompressed size, or the size a Snappy or Zstandard stream announces, and a dictionary
/// of as many values as the dictionary page claims, so a page of a few bytes could ask for gigabytes. Decompressed bytes are
/// at most <see cref="FreeBytes"/> plus <see cref="BytesPerByte"/> per byte of the file, over the whole file.
/// </summary>
internal sealed class ParquetPageCheck(Stream file)
{
    /// <summary>Deflate, the codec that compresses most, reaches about 1,032 to 1.</summary>
    private const long FreeBytes = 16 << 20, BytesPerByte = 1 << 10;

    /// <summary>parquet.thrift's page header as Parquet.Net 6.1.0 reads it: the fields it knows, by id, with their types.</summary>
    private static readonly ThriftType PageHeader = ThriftType.Structs("""
        PageHeader: 1 i32, 2 i32, 3 i32, 4 i32, 5 DataPageHeader, 6 IndexPageHeader, 7 DictionaryPageHeader, 8 DataPageHeaderV2
        DataPageHeader: 1 i32, 2 i32, 3 i32, 4 i32, 5 Statistics
        IndexPageHeader:
        DictionaryPageHeader: 1 i32, 2 i32, 3 bool
        DataPageHeaderV2: 1 i32, 2 i32, 3 i32, 4 i32, 5 i32, 6 i32, 7 bool, 8 Statistics
        Statistics: 1 binary, 2 binary, 3 i64, 4 i64, 5 binary, 6 binary, 7 bool, 8 bool
        """)["PageHeader"];

    private long _decompressed = FreeBytes + BytesPerByte * file.Length;

    /// <summary>The column chunk being read; pages are checked only while it is set.</summary>
    public ColumnMetaData? Column { get; set; }

    /// <summary>Checks the page whose header starts at <paramref name="offset"/>; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public void Check(long offset)
    {
        if (Column is not { } column) return;
        if (offset < 0 || offset >= file.Length) throw Bad(offset, "is outside the file");
        var header = Header(offset, out int length);
        long start = offset + length, end = file.Length;
        int type = Field(header, "PageHeader", 1), compressed = Field(header, "PageHeader", 3), uncompressed = Field(header, "PageHeader", 2);
        if (compressed < 0 || compressed > end - start) throw Bad(offset, $"claims {compressed} bytes, where {end - start} bytes of the file follow its header");
        if (uncompressed < 0) throw Bad(offset, $"claims {uncompressed} bytes uncompressed");
        int levels = type == 3 ? Field(header, "DataPageHeaderV2", 5) + Field(header, "DataPageHeaderV2", 6) : 0;
        if (levels < 0 || levels > compressed) throw Bad(offset, $"claims {levels} bytes of levels in {compressed} bytes");
        long decompressed = Decompressed(column.Codec, offset, start + levels, compressed - levels, uncompressed);
        if (decompressed > _decompressed)
            throw Bad(offset, $"decompresses to {decompressed} bytes; with the pages before, that is more than a Parquet file of {file.Length} bytes is read to (a guard against decompression bombs: at most {BytesPerByte} bytes a byte, and {FreeBytes >> 20} MB more)");
        _decompressed -= decompressed;
        int values = type switch { 0 => Field(header, "DataPageHeader", 1), 2 => Field(header, "DictionaryPageHeader", 1), 3 => Field(header, "DataPageHeaderV2", 1), _ => 0 };
        long most = type == 2 ? decompressed : column.NumValues; // a dictionary value takes a byte at least; a data page holds some of the chunk's
        if (values < 0 || values > most) throw Bad(offset, $"claims {values} values, where it can hold at most {most}");
    }

    // The header's fields, read from a window of the file that grows until the header fits in it.
    private Dictionary<(string, short), long> Header(long offset, out int length)
    {
        for (long window = 256; ; window *= 4)
        {
            var bytes = new byte[(int)Math.Min(window, file.Length - offset)];
            file.Position = offset;
            file.ReadExactly(bytes);
            var fields = new Dictionary<(string, short), long>();
            var walk = new ThriftWalk(bytes, bytes.Length) { Integer = (type, id, value) => fields[(type.Name, id)] = value };
            if (walk.Struct(PageHeader))
            {
                length = walk.At;
                return fields;
            }
            if (walk.Why is { } why) throw Bad(offset, $"has a malformed header: {why}");
            if (bytes.Length == file.Length - offset) throw Bad(offset, "has a header that runs past the end of the file");
        }
    }

    // What Parquet.Net 6.1 allocates to decompress a page: what a Snappy or Zstandard stream announces, else the header's size.
    private long Decompressed(CompressionCodec codec, long offset, long start, int length, int uncompressed)
    {
        if (codec is not (CompressionCodec.SNAPPY or CompressionCodec.ZSTD)) return uncompressed;
        var bytes = new byte[codec == CompressionCodec.SNAPPY ? Math.Min(length, 5) : length];
        file.Position = start;
        file.ReadExactly(bytes);
        try
        {
            return codec == CompressionCodec.SNAPPY ? Snappier.Snappy.GetUncompressedLength(bytes)
                : (long)Math.Min(ZstdSharp.Decompressor.GetDecompressedSize(bytes), long.MaxValue);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Bad(offset, $"holds no {codec} stream Parquet.Net can size ({e.Message})");
        }
    }

    private static int Field(Dictionary<(string, short), long> header, string type, short id) =>
        header.TryGetValue((type, id), out long value) ? (int)value : 0;

    private static InvalidDataException Bad(long offset, string what) => new($"the page at byte {offset} {what}");
}
