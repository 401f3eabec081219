using Backprop.Data;
using Backprop.Parquet;
using Parquet.Meta;

namespace Backprop.Tests.Data;

/// <summary>
/// Page headers written byte by byte, checked as Parquet.Net 6.1 would read them: version-2 pages (which no test file of
/// Parquet.Net's writer has), a header larger than the first window, the budget adding up over pages, a column without a chunk.
/// </summary>
public sealed class ParquetPageCheckTests
{
    // A page header: type, uncompressed and compressed sizes, then the nested header `inner` writes as field `innerId`.
    private static byte[] Header(int type, int uncompressed, int compressed, short innerId, Action<CompactWriter> inner)
    {
        var writer = new CompactWriter().I32(1, type).I32(2, uncompressed).I32(3, compressed).Begin(innerId);
        inner(writer);
        return writer.End().ToArray();
    }

    // A version-2 data page of 10 values over `payload`, with `definitions` bytes of definition levels.
    private static byte[] V2(byte[] payload, int definitions, int nulls = 0, int repetitions = 0, bool? compressed = null) =>
        [.. Header(3, 64, payload.Length, 8, w =>
        {
            w.I32(1, 10).I32(2, nulls).I32(3, 10).I32(4, 0).I32(5, definitions).I32(6, repetitions);
            if (compressed is { } flag) w.Bool(7, flag);
        }), .. payload];

    private static string? Problem(byte[] file, CompressionCodec codec, bool optional = false, params long[] offsets)
    {
        var check = new ParquetPageCheck(new MemoryStream(file));
        check.Reading(new ColumnMetaData { Codec = codec, NumValues = 10 }, optional);
        try
        {
            foreach (long offset in offsets.DefaultIfEmpty()) check.Check(offset);
            return null;
        }
        catch (InvalidDataException e) { return e.Message; }
    }

    [Fact]
    public void AV2PageClaimingNegativeNullsOrRepetitionLevelsIsRefused()
    {
        Assert.Equal("the page at byte 0 claims -5 nulls in 10 values", Problem(V2(new byte[8], 0, nulls: -5), CompressionCodec.UNCOMPRESSED));
        Assert.Equal("the page at byte 0 claims 2 bytes of repetition levels in a flat column", Problem(V2(new byte[8], 0, repetitions: 2), CompressionCodec.UNCOMPRESSED));
        Assert.Equal("the page at byte 0 claims -1 bytes of definition levels in 8 bytes", Problem(V2(new byte[8], -1), CompressionCodec.UNCOMPRESSED));
        Assert.Null(Problem(V2(new byte[8], 0), CompressionCodec.UNCOMPRESSED));
    }

    [Fact]
    public void AV2PagesSnappyStreamIsSizedWhereParquetNetDecompressesIt()
    {
        // 5 bytes of definition levels that, read as a Snappy stream, announce 1 GB; then a stream announcing 64 bytes. Parquet.Net
        // decompresses after the levels in an optional column, and from the start in a required one (it has no levels to read).
        byte[] payload = [0x80, 0x80, 0x80, 0x80, 0x04, 64, 0, 0];
        Assert.Null(Problem(V2(payload, 5), CompressionCodec.SNAPPY, optional: true));
        Assert.StartsWith("the page at byte 0 makes Parquet.Net allocate 1073741824 bytes", Problem(V2(payload, 5), CompressionCodec.SNAPPY));
    }

    [Fact]
    public void AV2PageMarkedUncompressedIsNotSizedAsACodecStream()
    {
        byte[] payload = [0x80, 0x80, 0x80, 0x80, 0x04, 0, 0, 0]; // a Snappy stream would announce 1 GB
        Assert.Null(Problem(V2(payload, 0, compressed: false), CompressionCodec.SNAPPY));
        Assert.StartsWith("the page at byte 0 makes Parquet.Net allocate 1073741824 bytes", Problem(V2(payload, 0, compressed: true), CompressionCodec.SNAPPY));
    }

    [Fact]
    public void TheBudgetAddsUpOverPages()
    {
        // Three data pages of 8 MB uncompressed each, in a file of a few dozen bytes: 16 MB and 1,024 bytes a byte allow two.
        byte[] page = Header(0, 8 << 20, 0, 5, w => w.I32(1, 10).I32(2, 0).I32(3, 0).I32(4, 0));
        byte[] file = [.. page, .. page, .. page];
        Assert.Null(Problem(file, CompressionCodec.UNCOMPRESSED, false, 0, page.Length));
        Assert.StartsWith($"the page at byte {2 * page.Length} makes Parquet.Net allocate 8388608 bytes; with the pages before, that is more than",
            Problem(file, CompressionCodec.UNCOMPRESSED, false, 0, page.Length, 2 * page.Length));
    }

    [Fact]
    public void ADictionaryIsChargedSixteenBytesAValue()
    {
        byte[] Dictionary(int values) => Header(2, 0, 0, 7, w => w.I32(1, values).I32(2, 0));
        Assert.Null(Problem(Dictionary(1 << 20), CompressionCodec.UNCOMPRESSED)); // 16 MB
        Assert.StartsWith("the page at byte 0 makes Parquet.Net allocate 33554432 bytes", Problem(Dictionary(2 << 20), CompressionCodec.UNCOMPRESSED));
        Assert.Equal("the page at byte 0 claims -1 values, where it can hold at most 2147483647", Problem(Dictionary(-1), CompressionCodec.UNCOMPRESSED));
    }

    [Fact]
    public void AHeaderLongerThanTheFirstWindowIsReadWhole()
    {
        // Statistics of 10,000 bytes in the data page header: the window grows until the header fits.
        byte[] file = Header(0, 0, 0, 5, w => w.I32(1, 10).I32(2, 0).I32(3, 0).I32(4, 0).Begin(5).Binary(1, new byte[10_000]).End());
        Assert.Null(Problem(file, CompressionCodec.UNCOMPRESSED));
        Assert.Equal("the page at byte 0 has a header that runs past the end of the file", Problem(file[..5000], CompressionCodec.UNCOMPRESSED));
    }

    [Fact]
    public void APageOfAColumnWithoutAChunkIsRefused()
    {
        var check = new ParquetPageCheck(new MemoryStream(new byte[16]));
        check.Check(0); // not reading a column: seeks are not page reads
        check.Reading(null, false);
        Assert.Equal("the page at byte 0 belongs to no column chunk of its row group", Assert.Throws<InvalidDataException>(() => check.Check(0)).Message);
    }
}
