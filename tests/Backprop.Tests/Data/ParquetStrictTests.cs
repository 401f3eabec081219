using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Parquet;
using Backprop.Tests.Support;
using Parquet;
using Parquet.Schema;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Data;

/// <summary>
/// A Parquet file is read as strictly as a CSV file: nulls in a required column, invalid UTF-8, two columns of one name and
/// names of absurd length are refused naming where; a required string column and a large file of equal values (compressed
/// to a few hundred bytes) load; a footer of very many row groups is refused before Parquet.Net reads it.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class ParquetStrictTests : TempDirTest
{
    private string Written(string name, params ParquetColumnData[] columns)
    {
        string path = Dir.Path(name);
        Write(path, 100, columns);
        return path;
    }

    // The file with the first occurrence of `from` replaced by `to` (of the same length), as a hostile file would be edited.
    private static void Patch(string path, byte[] from, byte[] to)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf(from);
        Assert.True(at >= 0);
        to.CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
    }

    private static string Refusal(string path, CsvOptions? options = null) =>
        Assert.Throws<BackpropException>(() => ParquetTable.Load<double>(path, options)).Message;

    [Fact]
    public void NullsInAColumnDeclaredRequiredAreRefusedNamingColumnAndRowGroup()
    {
        // Written optional with two nulls, then declared required in the schema (repetition type 1 → 0): read as it says, the levels
        // of the nulls became values (2.8e-309 where the file has 4.9) and every value after them shifted.
        string file = Written("nulls.parquet", Nullable("n", new double?[] { 4.9, null, 5.39, 1.25, null, 7 }), Values("y", new[] { 0, 1, 0, 1, 0, 1 }));
        Patch(file, [0x15, 0x0A, 0x25, 0x02, 0x18, 0x01, (byte)'n'], [0x15, 0x0A, 0x25, 0x00, 0x18, 0x01, (byte)'n']);
        Assert.Equal("nulls.parquet row group 0, column \"n\": 2 null cell(s) in a column the schema declares required (not nullable); the file is corrupt.", Refusal(file));
    }

    [Fact]
    public void InvalidUtf8InALabelIsRefusedNotMergedIntoOneClass()
    {
        // "aQ", "aR", "aS" with their second bytes made invalid UTF-8 (0xD1, 0xD2, 0xD3): Parquet.Net decodes each as "a\uFFFD",
        // so three labels became one class.
        string file = Written("labels.parquet", Values("x", new[] { 1.0, 2, 3, 4 }), Texts("y", ["aQ", "aR", "aS", "aQ"]));
        byte[] bytes = File.ReadAllBytes(file);
        for (int i = 0; i < bytes.Length - 1; i++)
            if (bytes[i] == 'a' && bytes[i + 1] is (byte)'Q' or (byte)'R' or (byte)'S') bytes[i + 1] += 0x80;
        File.WriteAllBytes(file, bytes);
        Assert.Equal("labels.parquet row 1, column \"y\" (row group 0): not UTF-8 text (\"a\uFFFD\": invalid bytes read as U+FFFD, the replacement character); write the strings as UTF-8.",
            Refusal(file, new CsvOptions { Task = TaskKind.Classification }));
    }

    [Fact]
    public void TwoColumnsOfOneNameAreRefused()
    {
        // Parquet.Net writes no two fields of one name: the second's name is edited. Read, predict found both by the first's name.
        string file = Written("twice.parquet", Values("a", new[] { 1.0, 2, 3, 4 }), Values("b", new[] { 5.0, 6, 7, 8 }), Values("y", new[] { 0, 1, 0, 1 }));
        Patch(file, [0x18, 0x01, (byte)'b'], [0x18, 0x01, (byte)'a']);
        Assert.Equal("twice.parquet: columns 1 and 2 are both named \"a\"; each column needs a name of its own.", Refusal(file));
    }

    [Fact]
    public void AColumnNameOfAbsurdLengthIsRefused()
    {
        string file = Written("long.parquet", Values(new string('n', 5000), new[] { 1.0, 2, 3, 4 }), Values("y", new[] { 0, 1, 0, 1 }));
        Assert.StartsWith("long.parquet: column 1 has a name of 5000 characters (\"nnnn", Refusal(file));
        Assert.EndsWith($"); a column name has at most {ParquetRecords.MaxNameChars}.", Refusal(file));
    }

    [Fact]
    public async Task ARequiredStringTargetWrittenByParquetNetReads()
    {
        string path = Dir.Path("required.parquet");
        DataField<double> x = new("x");
        DataField<string> y = new("y", nullable: false);
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x, y), file))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x, new[] { 1.0, 2, 3, 4 });
            await group.WriteAsync(y, new[] { "b", "a", "b", "c" });
        }
        var data = ParquetTable.Load<double>(path);
        Assert.Equal(["a", "b", "c"], data.ClassNames);
        Assert.Equal([1.0, 0, 1, 2], data.Data.Y.ToArray());
    }

    [Fact]
    public async Task TwoMillionEqualRowsCompressedToAFewHundredBytesLoad()
    {
        // Parquet.Net writes 2,000,000 equal doubles as one plain page of 16 MB that Zstandard compresses to a few hundred bytes: the
        // page holds what its values take, so it is no decompression bomb, though its ratio is 30,000 to 1.
        const int Rows = 2_000_000;
        string path = Dir.Path("constant.parquet");
        DataField<double> x = new("x"), y = new("y");
        await using (var file = File.Create(path))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(x, y), file, new ParquetOptions { CompressionMethod = CompressionMethod.Zstd }))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<double>(x, Enumerable.Repeat(0.5, Rows).ToArray());
            await group.WriteAsync<double>(y, Enumerable.Repeat(2.0, Rows).ToArray());
        }
        Assert.True(new FileInfo(path).Length < 4096);
        var data = ParquetTable.Load<float>(path, new CsvOptions { Task = TaskKind.Regression }).Data;
        Assert.Equal(Rows, data.Count);
        Assert.All(data.X.ToArray(), v => Assert.Equal(0.5f, v));
    }

    [Fact]
    public void AFooterOfVeryManyRowGroupsIsRefusedBeforeParquetNetReadsIt()
    {
        // One row group listed 40,000 times (80,000 column chunks), all on the same pages: a million such took 2.2 GB and two minutes.
        string file = Written("many.parquet", Values("x", new[] { 1.0 }), Values("y", new[] { 1.0 }));
        File.WriteAllBytes(file, ParquetFooter.WithRowGroupRepeated(File.ReadAllBytes(file), 40_000));
        long before = GC.GetTotalAllocatedBytes(true);
        Assert.Equal($"many.parquet: not a readable Parquet file (its footer lists 40000 row groups of 80000 column chunks in all; at most {ParquetFooterCheck.MaxColumnChunks} column chunks (row groups times columns) are read: write fewer, larger row groups).",
            Refusal(file));
        Assert.True(GC.GetTotalAllocatedBytes(true) - before < 2 * new FileInfo(file).Length + (16 << 20), "Parquet.Net read the footer");
    }
}
