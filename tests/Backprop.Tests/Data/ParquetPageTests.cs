using Backprop.Data;
using Backprop.Errors;
using Backprop.Parquet;
using Backprop.Tests.Support;
using Parquet;
using Parquet.Schema;

namespace Backprop.Tests.Data;

/// <summary>
/// A page that claims more memory than its file can justify (its uncompressed size, the size its Snappy or Zstandard stream
/// announces, or a dictionary's number of values) is refused before Parquet.Net allocates it; files of every codec still load.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class ParquetPageTests : TempDirTest
{
    private const int Rows = 100, Huge = 1 << 30;

    // A target y and a feature x (the last column, so its first page can be rewritten in place: nothing after it but the footer).
    private string Written(CompressionMethod codec, Func<int, double> x)
    {
        string path = Dir.Path($"{codec}.parquet".ToLowerInvariant());
        Task.Run(async () =>
        {
            DataField<int> y = new("y");
            DataField<double> feature = new("x");
            await using var file = File.Create(path);
            await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(y, feature), file, new ParquetOptions { CompressionMethod = codec });
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(y, Enumerable.Range(0, Rows).Select(i => i % 2).ToArray());
            await group.WriteAsync<double>(feature, Enumerable.Range(0, Rows).Select(x).ToArray());
        }).GetAwaiter().GetResult();
        return path;
    }

    [Theory]
    [InlineData(CompressionMethod.None)]
    [InlineData(CompressionMethod.Snappy)]
    [InlineData(CompressionMethod.Gzip)]
    [InlineData(CompressionMethod.Zstd)]
    [InlineData(CompressionMethod.Brotli)]
    [InlineData(CompressionMethod.LZ4)]
    public void AFileOfEachCodecLoads(CompressionMethod codec)
    {
        var data = ParquetTable.Load<float>(Written(codec, i => i * 0.5), new CsvOptions { Target = "y" }).Data;
        Assert.Equal(Enumerable.Range(0, Rows).Select(i => i * 0.5f), data.X.ToArray());
    }

    [Theory]
    [InlineData(CompressionMethod.None)]
    [InlineData(CompressionMethod.Gzip)]
    [InlineData(CompressionMethod.Brotli)]
    public void APageClaimingAGigabyteUncompressedIsRefusedBeforeItIsAllocated(CompressionMethod codec)
    {
        string file = Written(codec, i => i * 0.5);
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, ParquetPage.WithInt(bytes, ParquetPage.LastColumnStart(file), 1, Huge)); // the uncompressed size
        AssertRefusedWithoutAllocating(file, $"makes Parquet.Net allocate {Huge} bytes");
    }

    [Fact]
    public void ASnappyStreamAnnouncingAGigabyteIsRefusedBeforeItIsAllocated()
    {
        string file = Written(CompressionMethod.Snappy, i => i * 0.5);
        File.WriteAllBytes(file, ParquetPage.WithSnappyLength(File.ReadAllBytes(file), ParquetPage.LastColumnStart(file), Huge));
        AssertRefusedWithoutAllocating(file, $"makes Parquet.Net allocate {Huge} bytes");
    }

    [Fact]
    public void AZstandardFrameAnnouncingAGigabyteIsRefusedBeforeItIsAllocated()
    {
        string file = Written(CompressionMethod.Zstd, i => i * 0.5);
        File.WriteAllBytes(file, ParquetPage.WithZstdContentSize(File.ReadAllBytes(file), ParquetPage.LastColumnStart(file), Huge));
        AssertRefusedWithoutAllocating(file, $"makes Parquet.Net allocate {2L * Huge} bytes");
    }

    [Fact]
    public void ADictionaryPageClaimingAHundredMillionValuesIsRefusedBeforeItIsAllocated()
    {
        string file = Written(CompressionMethod.None, i => i % 3); // three distinct values: a dictionary page comes first
        byte[] bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, ParquetPage.WithInt(bytes, ParquetPage.LastColumnStart(file), 3, 100_000_000)); // its num_values
        AssertRefusedWithoutAllocating(file, "claims 100000000 values, where it can hold at most ");
    }

    [Fact]
    public void APageClaimingBytesPastTheEndOfTheFileIsRefused()
    {
        string file = Written(CompressionMethod.None, i => i * 0.5);
        File.WriteAllBytes(file, ParquetPage.WithInt(File.ReadAllBytes(file), ParquetPage.LastColumnStart(file), 2, Huge)); // the compressed size
        AssertRefusedWithoutAllocating(file, $"claims {Huge} bytes, where ");
    }

    [Fact]
    public async Task AStringRepeatedOverManyRowsIsHeldOnceNotCopiedPerRow()
    {
        // Two classes named by strings of 100,000 characters each, over 1,000 rows: a dictionary of two entries. Copied per row
        // they would be 200 MB of strings; shared, the load allocates a few megabytes.
        string[] names = [new('a', 100_000), new('b', 100_000)];
        string path = Dir.Path("long.parquet");
        DataField<double> x = new("x");
        DataField<string> label = new("label");
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x, label), file, Dictionary("label")))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x, Enumerable.Range(0, 1000).Select(i => (double)i).ToArray());
            await group.WriteAsync(label, Enumerable.Range(0, 1000).Select(i => names[i % 2]).ToArray());
        }
        long before = GC.GetTotalAllocatedBytes(true);
        var data = ParquetTable.Load<float>(path, new CsvOptions { Target = "label" }).Data;
        Assert.True(GC.GetTotalAllocatedBytes(true) - before < 64 << 20, $"{(GC.GetTotalAllocatedBytes(true) - before) >> 20} MB allocated");
        Assert.Equal(1000, data.X.Shape[0]);
    }

    private static ParquetOptions Dictionary(string column)
    {
        var options = new ParquetOptions();
        options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        return options;
    }

    private static void AssertRefusedWithoutAllocating(string file, string reason)
    {
        long before = GC.GetTotalAllocatedBytes(true);
        string message = Assert.Throws<BackpropException>(() => ParquetTable.Load<float>(file)).Message;
        Assert.StartsWith($"{Path.GetFileName(file)} row group 0, column \"x\": not a readable Parquet file (the page at byte ", message);
        Assert.Contains(reason, message);
        Assert.True(GC.GetTotalAllocatedBytes(true) - before < 64 << 20, "more than 64 MB allocated");
    }
}
