using Parquet.Meta;
using PhysicalType = Parquet.Meta.Type;

namespace Backprop.Parquet;

/// <summary>
/// Checks each page header of a column chunk as Parquet.Net 6.1 is about to read it (it seeks to every page header from the
/// file's start, and <see cref="BoundedReadStream.Seeking"/> calls <see cref="Check"/> first): the header read as Parquet.Net
/// reads it (<see cref="ThriftWalk"/>), the page's bytes inside the file, and the memory the page makes it allocate. Parquet.Net
/// allocates what a page claims: its uncompressed size, or the size a Snappy or Zstandard stream announces, and a dictionary
/// of as many values as the dictionary page claims, so a page of a few bytes could ask for gigabytes. Decompressed bytes are
/// at most <see cref="FreeBytes"/> plus <see cref="BytesPerByte"/> per byte of the file, over the whole file.
/// </summary>
internal sealed class ParquetPageCheck(Stream file, ByteBudget decompressed)
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

    private bool _reading, _optional;

    /// <summary>Checks the pages of <paramref name="file"/> with a decompression budget of its own.</summary>
    public ParquetPageCheck(Stream file) : this(file, Decompressed(file.Length)) { }

    /// <summary>The bytes Parquet.Net may decompress from a file of <paramref name="length"/> bytes (readers of one file in parallel share it).</summary>
    public static ByteBudget Decompressed(long length) => new(FreeBytes + BytesPerByte * length);
    private ColumnMetaData? _column;

    /// <summary>
    /// Starts checking the pages Parquet.Net reads for one column: the chunk's metadata as Parquet.Net finds it (null when it
    /// finds none: any page it reads then is refused) and whether the column is optional (its pages hold definition levels).
    /// </summary>
    public void Reading(ColumnMetaData? column, bool optional) => (_reading, _column, _optional) = (true, column, optional);

    /// <summary>Ends checking a column's pages: seeks are not page reads until <see cref="Reading"/> is called again.</summary>
    public void Done() => (_reading, _column) = (false, null);

    /// <summary>Checks the page whose header starts at <paramref name="offset"/>; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public void Check(long offset)
    {
        if (!_reading) return;
        if (_column is not { } column) throw Bad(offset, "belongs to no column chunk of its row group");
        if (offset < 0 || offset >= file.Length) throw Bad(offset, "is outside the file");
        var header = Header(offset, out int length);
        long start = offset + length, end = file.Length;
        int compressed = Field(header, "PageHeader", 3), uncompressed = Field(header, "PageHeader", 2);
        if (compressed < 0 || compressed > end - start) throw Bad(offset, $"claims {compressed} bytes, where {end - start} bytes of the file follow its header");
        if (uncompressed < 0) throw Bad(offset, $"claims {uncompressed} bytes uncompressed");
        long allocated = Field(header, "PageHeader", 1) switch
        {
            0 => DataPage(header, offset, start, compressed, uncompressed, column),
            2 => DictionaryPage(header, offset, start, compressed, uncompressed, column),
            3 => DataPageV2(header, offset, start, compressed, uncompressed, column),
            _ => 0, // an index page or an unknown type: Parquet.Net refuses it
        };
        if (allocated <= Justified(column, Field(header, "PageHeader", 1), header)) return; // what its values take: the rows' budget covers it
        if (!decompressed.TryTake(allocated))
            throw Bad(offset, $"makes Parquet.Net allocate {allocated} bytes; with the pages before, that is more than a Parquet file of {file.Length} bytes justifies (a guard against decompression bombs: at most {BytesPerByte} bytes a byte of the file, and {FreeBytes >> 20} MB more)");
    }

    // A data page of version 1: its values are some of the chunk's. In a required column (no definition levels) a page that counts
    // nulls, or whose plain values of fixed width do not fill it exactly, holds the levels of nulls Parquet.Net would read as values.
    private long DataPage(Dictionary<(string, short), long> header, long offset, long start, int compressed, int uncompressed, ColumnMetaData column)
    {
        int values = Values(offset, Field(header, "DataPageHeader", 1), column.NumValues);
        if (!_optional)
        {
            if (Field(header, "Statistics", 3) is > 0 and int nulls) throw Required(offset, $"counts {nulls} nulls");
            long plain = column.Type == PhysicalType.BOOLEAN ? (values + 7L) / 8 : (long)values * Width(column.Type); // booleans: a bit each
            // (a page far larger than its values is no such page: it is charged below as a page that claims too much)
            if (Field(header, "DataPageHeader", 2) == 0 && plain > 0 && uncompressed != plain && uncompressed <= plain + 2L * values + 64)
                throw Required(offset, $"holds {uncompressed} bytes, where {values} plain {column.Type} values take {plain}");
        }
        return Decompressed(column.Codec, offset, start, compressed, uncompressed);
    }

    private static InvalidDataException Required(long offset, string what) =>
        Bad(offset, $"{what}: nulls in a column the schema declares required (not nullable)");

    // The bytes a value of a fixed-width type takes (a bool: a byte at most), or 0 for byte arrays.
    private static int Width(PhysicalType type) => type switch
    {
        PhysicalType.BOOLEAN => 1, PhysicalType.INT32 or PhysicalType.FLOAT => 4, PhysicalType.INT64 or PhysicalType.DOUBLE => 8, PhysicalType.INT96 => 12, _ => 0,
    };

    // The most a data page of values of fixed width decompresses to when it holds what it says: each value in its width and
    // two bytes more (dictionary indices, delta encodings), levels of two bytes a value at most, 64 bytes of headers; twice that
    // for Zstandard (Parquet.Net copies it). Such a page allocates what its values take, which the rows' budget already bounds
    // (a page of 2,000,000 equal doubles compresses to a few hundred bytes); any other page is charged to the file's budget.
    private long Justified(ColumnMetaData column, int pageType, Dictionary<(string, short), long> header)
    {
        int width = Width(column.Type);
        if (width == 0 || pageType is not (0 or 3)) return -1;
        long values = Field(header, pageType == 0 ? "DataPageHeader" : "DataPageHeaderV2", 1);
        long bytes = values * (width + 2) + (_optional ? 2 * values : 0) + 64;
        return column.Codec == CompressionCodec.ZSTD ? 2 * bytes : bytes;
    }

    // A dictionary page: Parquet.Net allocates its values, of up to 16 bytes each (a decimal, a string's memory).
    private long DictionaryPage(Dictionary<(string, short), long> header, long offset, long start, int compressed, int uncompressed, ColumnMetaData column) =>
        16L * Values(offset, Field(header, "DictionaryPageHeader", 1), int.MaxValue) + Decompressed(column.Codec, offset, start, compressed, uncompressed);

    // A data page of version 2: its levels come before its values, uncompressed; the values are compressed unless it says not.
    // Parquet.Net reads a flat column's definition levels (an optional column's) and decompresses what follows them.
    private long DataPageV2(Dictionary<(string, short), long> header, long offset, long start, int compressed, int uncompressed, ColumnMetaData column)
    {
        int values = Values(offset, Field(header, "DataPageHeaderV2", 1), column.NumValues), nulls = Field(header, "DataPageHeaderV2", 2);
        if (nulls < 0 || nulls > values) throw Bad(offset, $"claims {nulls} nulls in {values} values");
        int definitions = Field(header, "DataPageHeaderV2", 5), repetitions = Field(header, "DataPageHeaderV2", 6);
        if (!_optional && nulls > 0) throw Required(offset, $"counts {nulls} nulls");
        if (!_optional && definitions > 0) throw Required(offset, $"holds {definitions} bytes of definition levels");
        if (repetitions != 0) throw Bad(offset, $"claims {repetitions} bytes of repetition levels in a flat column");
        if (definitions < 0 || definitions > compressed) throw Bad(offset, $"claims {definitions} bytes of definition levels in {compressed} bytes");
        bool decompress = column.Codec != CompressionCodec.UNCOMPRESSED && Field(header, "DataPageHeaderV2", 7, 1) != 0;
        int levels = _optional ? definitions : 0;
        return decompress ? Decompressed(column.Codec, offset, start + levels, compressed - levels, uncompressed) : 0;
    }

    private static int Values(long offset, int values, long most) =>
        values >= 0 && values <= most ? values : throw Bad(offset, $"claims {values} values, where it can hold at most {most}");

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

    // What Parquet.Net 6.1 allocates to decompress a page: what a Snappy stream announces, twice what a Zstandard stream
    // announces (it decompresses into one array and copies into another), else the header's uncompressed size.
    private long Decompressed(CompressionCodec codec, long offset, long start, int length, int uncompressed)
    {
        if (codec is not (CompressionCodec.SNAPPY or CompressionCodec.ZSTD)) return uncompressed;
        var bytes = new byte[codec == CompressionCodec.SNAPPY ? Math.Min(length, 5) : length];
        file.Position = start;
        file.ReadExactly(bytes);
        try
        {
            return codec == CompressionCodec.SNAPPY ? Snappier.Snappy.GetUncompressedLength(bytes)
                : 2 * (long)Math.Min(ZstdSharp.Decompressor.GetDecompressedSize(bytes), int.MaxValue);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Bad(offset, $"holds no {codec} stream Parquet.Net can size ({e.Message})");
        }
    }

    // A field of the header, or `absent` when it has none.
    private static int Field(Dictionary<(string, short), long> header, string type, short id, int absent = 0) =>
        header.TryGetValue((type, id), out long value) ? (int)value : absent;

    private static InvalidDataException Bad(long offset, string what) => new($"the page at byte {offset} {what}");
}
