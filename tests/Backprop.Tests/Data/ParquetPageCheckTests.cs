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

    private static string? Problem(byte[] file, CompressionCodec codec, bool optional = false, params long[] offsets) =>
        Problem(file, codec, global::Parquet.Meta.Type.BYTE_ARRAY, optional, offsets);

    // As above for a column of `type` (a byte array above: no width to check a page's size by).
    private static string? Problem(byte[] file, CompressionCodec codec, global::Parquet.Meta.Type type, bool optional = false, params long[] offsets)
    {
        var check = new ParquetPageCheck(new MemoryStream(file));
        check.Reading(new ColumnMetaData { Codec = codec, NumValues = 10, Type = type }, optional);
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
        // decompresses after the levels in an optional column, and from the start in a required one (it has no levels to read; a
        // required column's page that claims levels is refused, AV2PageOfARequiredColumnWithNullsOrLevelsIsRefused).
        byte[] payload = [0x80, 0x80, 0x80, 0x80, 0x04, 64, 0, 0];
        Assert.Null(Problem(V2(payload, 5), CompressionCodec.SNAPPY, optional: true));
        Assert.StartsWith("the page at byte 0 makes Parquet.Net allocate 1073741824 bytes", Problem(V2(payload, 0), CompressionCodec.SNAPPY));
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

    // A version-1 data page of 10 plain values over `payload`, with the null count of its statistics when given.
    private static byte[] V1(byte[] payload, long? nulls = null) =>
        [.. Header(0, payload.Length, payload.Length, 5, w =>
        {
            w.I32(1, 10).I32(2, 0).I32(3, 3).I32(4, 3);
            if (nulls is { } n) w.Begin(5).I64(3, n).End();
        }), .. payload];

    [Fact]
    public void AV1PageOfARequiredColumnThatCountsNullsIsRefused()
    {
        Assert.Null(Problem(V1(new byte[80], nulls: 0), CompressionCodec.UNCOMPRESSED, global::Parquet.Meta.Type.DOUBLE));
        Assert.Equal("the page at byte 0 counts 2 nulls: nulls in a column the schema declares required (not nullable)",
            Problem(V1(new byte[80], nulls: 2), CompressionCodec.UNCOMPRESSED, global::Parquet.Meta.Type.DOUBLE));
        Assert.Null(Problem(V1(new byte[80], nulls: 2), CompressionCodec.UNCOMPRESSED, global::Parquet.Meta.Type.DOUBLE, optional: true));
    }

    [Fact]
    public void AV1PageOfARequiredColumnWhosePlainValuesDoNotFillItIsRefused()
    {
        // 10 doubles take 80 bytes; 70 bytes are the levels of 2 nulls (4 bytes of length, 2 of runs) and 8 values, read as 10 values.
        Assert.Equal("the page at byte 0 holds 70 bytes, where 10 plain DOUBLE values take 80: nulls in a column the schema declares required (not nullable)",
            Problem(V1(new byte[70]), CompressionCodec.UNCOMPRESSED, global::Parquet.Meta.Type.DOUBLE));
        Assert.Null(Problem(V1(new byte[40]), CompressionCodec.UNCOMPRESSED, global::Parquet.Meta.Type.INT32));
        Assert.Null(Problem(V1(new byte[2]), CompressionCodec.UNCOMPRESSED, global::Parquet.Meta.Type.BOOLEAN)); // a bit a value
    }

    [Fact]
    public void AV2PageOfARequiredColumnWithNullsOrLevelsIsRefused()
    {
        Assert.Equal("the page at byte 0 counts 2 nulls: nulls in a column the schema declares required (not nullable)",
            Problem(V2(new byte[8], 0, nulls: 2), CompressionCodec.UNCOMPRESSED));
        Assert.Equal("the page at byte 0 holds 4 bytes of definition levels: nulls in a column the schema declares required (not nullable)",
            Problem(V2(new byte[8], 4), CompressionCodec.UNCOMPRESSED));
        Assert.Null(Problem(V2(new byte[8], 4, nulls: 2), CompressionCodec.UNCOMPRESSED, optional: true));
    }

    [Fact]
    public void APageOfFixedWidthValuesIsChargedOnlyForWhatItsValuesDoNotTake()
    {
        // Three pages of 10 values claiming 8 MB each, in a file of a few dozen bytes: of doubles, each is charged (10 doubles take
        // 80 bytes, not 8 MB) and the budget allows two; pages that claim what their values take are never charged.
        byte[] Page(int uncompressed) => Header(0, uncompressed, 0, 5, w => w.I32(1, 10).I32(2, 0).I32(3, 0).I32(4, 0));
        byte[] big = Page(8 << 20), fit = Page(80);
        Assert.StartsWith($"the page at byte {2 * big.Length} makes Parquet.Net allocate 8388608 bytes",
            Problem([.. big, .. big, .. big], CompressionCodec.UNCOMPRESSED, global::Parquet.Meta.Type.DOUBLE, true, 0, big.Length, 2 * big.Length));
        var check = new ParquetPageCheck(new MemoryStream([.. fit]));
        check.Reading(new ColumnMetaData { Codec = CompressionCodec.UNCOMPRESSED, NumValues = 10, Type = global::Parquet.Meta.Type.DOUBLE }, false);
        for (int i = 0; i < 300_000; i++) check.Check(0); // 24 MB in all, more than the budget, but charged nothing
    }
}
