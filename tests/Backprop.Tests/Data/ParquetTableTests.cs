using System.Globalization;
using System.Text;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Parquet;
using Backprop.Tests.Support;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Data;

/// <summary>
/// Parquet files (written here with Parquet.Net, in several row groups) load as the same data as the same table in CSV:
/// target, dropped columns, nulls as missing cells, classes; and every bad file is refused naming the file and column.
/// </summary>
public sealed class ParquetTableTests : TempDirTest
{
    private const int Rows = 30;
    private static readonly int[] Ids = [.. Enumerable.Range(100, Rows)];
    private static readonly int[] Counts = [.. Enumerable.Range(0, Rows).Select(i => i * 7 % 11 - 3)];
    private static readonly double?[] Weights = [.. Enumerable.Range(0, Rows).Select(i => i is 4 or 17 ? null : (double?)(i * 0.37 - 2.5))];
    private static readonly float[] Heights = [.. Enumerable.Range(0, Rows).Select(i => i * 1.1f + 0.3f)];
    private static readonly bool[] Flags = [.. Enumerable.Range(0, Rows).Select(i => i % 3 == 0)];
    private static readonly decimal[] Prices = [.. Enumerable.Range(0, Rows).Select(i => i * 1.125m + 0.5m)];
    private static readonly string[] Kinds = [.. Enumerable.Range(0, Rows).Select(i => new[] { "gamma", "alpha", "beta" }[i * 5 % 3])];

    // Three row groups of 10, 10 and 10 rows; 7 columns of 6 types, one of them nullable.
    private string ParquetFile() =>
        Written("t.parquet", 10, Values("id", Ids), Values("count", Counts), Nullable("weight", Weights), Values("height", Heights),
            Values("flag", Flags), Decimals("price", Prices), Texts("kind", Kinds));

    // The same table as CSV: "?" for a null, booleans as 0 and 1, each number in its shortest round-trip form.
    private string CsvFile()
    {
        static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        var text = new StringBuilder("id,count,weight,height,flag,price,kind\n");
        for (int i = 0; i < Rows; i++)
            text.Append($"{Ids[i]},{Counts[i]},{(Weights[i] is { } w ? N(w) : "?")},{N(Heights[i])},{(Flags[i] ? 1 : 0)},{N((double)Prices[i])},{Kinds[i]}\n");
        return Dir.File("t.csv", text.ToString());
    }

    private string Written(string name, int groupRows, params ParquetColumnData[] columns)
    {
        string path = Dir.Path(name);
        Write(path, groupRows, columns);
        return path;
    }

    public static TheoryData<string?, MissingValues> Options => new()
    {
        { null, MissingValues.Drop }, { null, MissingValues.Mean }, { "price", MissingValues.Mean }, { "flag", MissingValues.Drop }, { "count", MissingValues.Drop },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void LoadsAsTheSameTableThroughCsv(string? target, MissingValues missing)
    {
        var options = new CsvOptions { Target = target, Drop = target is null ? ["id"] : ["id", "kind"], Missing = missing };
        var parquet = ParquetTable.Load<double>(ParquetFile(), options);
        var csv = Csv.Load<double>(CsvFile(), options);
        Assert.Equal(csv.Data.X.ToArray(), parquet.Data.X.ToArray());
        Assert.Equal(csv.Data.Y.ToArray(), parquet.Data.Y.ToArray());
        Assert.Equal(csv.Data.Classes, parquet.Data.Classes);
        Assert.Equal(csv.Task, parquet.Task);
        Assert.Equal(csv.ClassNames, parquet.ClassNames);
        Assert.Equal(csv.FeatureNames, parquet.FeatureNames);
        Assert.Equal(csv.Schema.Columns, parquet.Schema.Columns);
        Assert.Equal(csv.Lines.Select(line => line - 1), parquet.Lines); // the CSV's header is line 1; Parquet counts rows
        Assert.Equal(missing == MissingValues.Drop ? Rows - 2 : Rows, parquet.Data.Count);
    }

    [Fact]
    public void AFloatTargetNamesItsClassesAsACsvFileWould()
    {
        // 0.1f widened to double prints as 0.10000000149011612; the class must be named "0.1", as the same column in a CSV file.
        string file = Written("floats.parquet", 2, Values("x", new[] { 1.0, 2.0, 3.0, 4.0 }), Values("y", new[] { 0.1f, 0.25f, 0.1f, 0.25f }));
        var data = ParquetTable.Load<float>(file, new CsvOptions { Task = TaskKind.Classification });
        Assert.Equal(["0.1", "0.25"], data.ClassNames);
    }

    [Fact]
    public void AStringTargetIsClassNamesAndRowsSpanRowGroups()
    {
        var data = ParquetTable.Load<float>(ParquetFile(), new CsvOptions { Drop = ["id", "weight"] });
        Assert.Equal(TaskKind.Classification, data.Task);
        Assert.Equal(["alpha", "beta", "gamma"], data.ClassNames);
        Assert.Equal(["count", "height", "flag", "price"], data.FeatureNames);
        Assert.Equal(Enumerable.Range(1, Rows), data.Lines);
        Assert.Equal([Counts[25], Heights[25], 0f, (float)Prices[25]], data.Data.X.ToArray()[(25 * 4)..(26 * 4)]);
    }

    [Fact]
    public void ASecondFileAndFeaturesToPredictOnAreReadByTheFirstsColumns()
    {
        string file = ParquetFile();
        var train = ParquetTable.Load<float>(file, new CsvOptions { Drop = ["id"], Missing = MissingValues.Mean });
        var again = DataFile.Load<float>(file, new CsvOptions { Missing = MissingValues.Mean }, train.Schema);
        Assert.Equal(train.Data.Y.ToArray(), again.Data.Y.ToArray());
        var (x, rows) = DataFile.LoadFeatures<float>(file, train.Schema, new CsvOptions { Missing = MissingValues.Mean });
        Assert.Equal(train.Data.X.ToArray(), x.ToArray());
        Assert.Equal(Enumerable.Range(1, Rows), rows);
    }

    [Fact]
    public void NullsAreRefusedByDefaultNamingTheRows() =>
        Assert.Equal("t.parquet: 2 row(s) have missing values (\"?\", \"\", \"NA\"): row 5 column \"weight\"; row 18 column \"weight\". Drop those rows or fill in column means (missing: drop or mean).",
            Refusal(ParquetFile(), new CsvOptions { Drop = ["id"] }));

    [Fact]
    public void AStringFeatureColumnIsOneHotEncodedAsInCsv() =>
        Assert.Contains("kind=gamma", ParquetTable.Load<float>(ParquetFile(), new CsvOptions { Target = "count", Missing = MissingValues.Drop }).FeatureNames);

    [Fact]
    public void NaNIsRefusedAsInCsv()
    {
        string file = Written("nan.parquet", 2, Values("x", new[] { 1.0, double.NaN, 3.0 }), Values("y", new[] { 0, 1, 0 }));
        Assert.Equal("nan.parquet row 2, column \"x\": \"NaN\" is not a finite number (NaN and infinity are not allowed).", Refusal(file));
    }

    [Theory]
    [InlineData("list", "a list")]
    [InlineData("struct", "a struct")]
    public void ANestedColumnIsRefusedNamingItAndItsTypeUnlessDropped(string kind, string described)
    {
        int[] ints = [1, 2, 3, 4];
        var nested = kind == "list" ? List("tags", ints) : Struct("tags", ints);
        string file = Written("nested.parquet", 3, Values("a", ints), nested, Values("y", new[] { 0, 1, 0, 1 }));
        Assert.Equal($"nested.parquet: column \"tags\" holds {described}; only flat columns of numbers, booleans and strings are read (drop it).", Refusal(file));
        Assert.Equal([1f, 2, 3, 4], ParquetTable.Load<float>(file, new CsvOptions { Drop = ["tags"] }).Data.X.ToArray());
    }

    [Fact]
    public void AColumnOfAnotherTypeIsRefusedNamingItsType()
    {
        string file = Written("dates.parquet", 3, Values("when", new[] { DateTime.UnixEpoch, DateTime.UnixEpoch }), Values("y", new[] { 0, 1 }));
        Assert.Equal("dates.parquet: column \"when\" holds DateTime values; only flat columns of numbers, booleans and strings are read (drop it).", Refusal(file));
    }

    [Fact]
    public void AFileThatIsNotParquetIsRefusedNamingIt() =>
        Assert.StartsWith("text.parquet: not a readable Parquet file (", Refusal(Dir.File("text.parquet", "a,b\n1,2\n3,4\n")));

    [Fact]
    public void ATruncatedFileIsRefusedNamingIt()
    {
        byte[] whole = File.ReadAllBytes(ParquetFile());
        foreach (int keep in new[] { whole.Length - 1, whole.Length / 2, 10 })
        {
            File.WriteAllBytes(Dir.Path("cut.parquet"), whole[..keep]);
            Assert.StartsWith("cut.parquet", Refusal(Dir.Path("cut.parquet")));
        }
    }

    [Theory]
    [InlineData(1L << 40, "t.parquet: row group 0 claims 1099511627776 rows; a data file holds 0 to 2147483647 rows in all")]
    [InlineData(1L << 28, "t.parquet: row group 0 claims 268435456 rows; with the rows before, that is more values than a Parquet file of ")]
    public void AFooterClaimingMoreRowsThanTheFileHoldsIsRefusedBeforeAllocating(long claimed, string message)
    {
        string file = Written("t.parquet", 1000, Values("x", new[] { 1.0, 2.0, 3.0 }), Values("y", new[] { 0, 1, 0 }));
        File.WriteAllBytes(file, ParquetFooter.WithRowCount(File.ReadAllBytes(file), 3, claimed));
        Assert.StartsWith(message, Refusal(file));
    }

    [Fact]
    public async Task AFooterEndingInsideANumberIsRefusedNotLoopedOn()
    {
        // Parquet.Net reads past a footer's end as 0xFF bytes: a varint cut short there never ends. 0x06 0xA0 0x01: an i64 field
        // numbered 80 (unknown, so skipped); 0x80: its value, with more bytes to come.
        string file = Written("cut.parquet", 10, Values("x", new[] { 1.0, 2.0 }), Values("y", new[] { 0, 1 }));
        File.WriteAllBytes(file, ParquetFooter.WithFooterEnd(File.ReadAllBytes(file), [0x06, 0xA0, 0x01, 0x80]));
        var load = Task.Run(() => Refusal(file));
        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.StartsWith("cut.parquet: not a readable Parquet file (the footer is malformed at byte ", await load);
    }

    [Fact]
    public void AFooterOfListsNestedBeyondTheDepthLimitIsRefusedNotRecursedInto()
    {
        // 0x19: a field of type list; then 0x19 again and again: a list of one list, 200,000 deep. Walked by recursion without a
        // depth limit, it overflows the stack and kills the process.
        string file = Written("deep.parquet", 10, Values("x", new[] { 1.0, 2.0 }), Values("y", new[] { 0, 1 }));
        File.WriteAllBytes(file, ParquetFooter.WithFooterEnd(File.ReadAllBytes(file), [.. Enumerable.Repeat((byte)0x19, 200_000)]));
        Assert.StartsWith("deep.parquet: not a readable Parquet file (the footer is malformed at byte ", Refusal(file));
    }

    [Fact]
    public async Task AFooterParquetNetWouldSpinOnIsRefusedNamingTheFieldCodedAsAnotherType()
    {
        // Found by the long fuzz run (seed dEu-jOS-Z7a1). Parquet.Net reads a known field by the type it expects, whatever the
        // file codes it as: read that way, this footer sends it skipping a list whose count lies past the footer's end, for
        // minutes. The check reads as Parquet.Net does and refuses the field coded as another type.
        const string Spinning = "UEFSMRUAFTgVPCwVDhUAFQYVBhwYBAYAAAAYBAAAAAAWACgEBgAAABgEAAAAAAAAABxsAAAAAAEAAAACAAAAAwAAAAQAAAAFAAAABgAAABUAFXQVUCwVDhUAFQYVBhwYCAAAAAAAAAhAGAgAAAAAAAAAABYCKAgAAAAAAAAIQBgIAAAAAAAAAAAAAAA6KAYAAAAKAQIAAgEAMgEABOA/CQ8A8A0IAPgNCCQAQAAAAAAAAAhAFQAVAhUGLBUOFQAVBhUGHDYAAAAAAQBJFQAVdhU2LBUOFQAVBhUGHBgDb2RkGARldmVuFgAoA29kZBgEZXZlbgAAADtUAgAAAA4BBAAAAGV2ZW4DAAAAb2RkBJIPABUAFQgVDCwVAhUAFQYVBhwYBAcAAAAYBAcAAAAWACgEBwAAABgEBwAAAAAAAAQMBwAAABUAFRwVICwVAhUAFQYVBhwYCAAAAAAAAAxAGAgAAAAAAAAMQBYAKAgAAAAAAAAMQBgIAAAAAAAADEAAAAAONAIAAAACAQAAAAAAAAxAFQAVAhUGLBUCFQAVBhUGHDYAAAAAAQAAFQAVGhUeLBUCFQAVBhUGHBgDb2RkGANvZGQWACgDb2RkGANvZGQAAAANMAIAAAACAQMAAABvZGQVAhlcSARyb290FQgAFQIlABgBYSUiTKwTIBEAAAAVCiUCGAFiABUAJQAYAWMAFQwlAhgBeSUATBwAAAAWEBksGUwmCBwVAhklAAYZGAFhFQIWDhaSARaWASYIPBgEBgAAABgEAAAAABYAKAQGAAAAGAQAAAAAAAAAJp4BHBUKGSUABhkYAWIVAhYOFu4BFsoBJp4BPBgIAAAAAAAACEAYCAAAAAAAAAAAFgIoCAAAAAAAAAhAGAgAAAAAAAAAAAAAACboAhwVABklAAYZGAFjFQIWDhYsFjAm6AI8NgAAAAAmmAMcFQwZJQAGGRgBeRUCFg4WzAEWjAEmmAM8GANvZGQYBGV2ZW4WACgDb2RkGARldmVuAAAAFvgEFg42nAQAGUwmpAQcFQIZJQAGGRgBYRUCFgIWYhZmJqQEPBgEBwAAABgEBwAAABYAKAQHAAAAGAQHAAAAAAAAJooFHBUKGSUABhkYAWIVAhYCFpYBFpoBJooFPBgIAAAAAAAADEAYCAAAAAAAAAxAFgAoCAAAAAAAAAxAGAgAAAAAAAAMQAAAACakBhwVABklAAYZGAFjFQIWAhYsFjAmpAY8NgAAAAAm1AYcFQwZJQAGGRgBeRUCFgI2bBZwJtQGPBgDb2RkGANvZGQWACgDb2RkGANvZGQAAAAWkAMWAjagAwAoSlBhcnF1ZXQuTmV0IHZlcnNpb24gNi4xLjAgKGJ1aWxkIGMxNzlkOTdiZDI1NDliNWY0NGE5MjQxZTcyOWY4NjlkNDk0N2VlNTkpAEsCAABQQVIx";
        string file = Dir.Path("spin.parquet");
        File.WriteAllBytes(file, Convert.FromBase64String(Spinning));
        var load = Task.Run(() => Refusal(file));
        Assert.Same(load, await Task.WhenAny(load, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal("spin.parquet: not a readable Parquet file (the footer is malformed at byte 469 of 587: field 8 of ColumnMetaData is coded as i64, where the Parquet format has list<KeyValue>).", await load);
    }

    [Fact]
    public void AnUnknownFooterFieldIsSkippedAsParquetNetSkipsIt()
    {
        // 0x05 0xC8 0x01 0x2A: an i32 field numbered 100, which no Parquet struct has, holding 21; then the stop.
        string file = Written("extra.parquet", 10, Values("x", new[] { 1.0, 2.0 }), Values("y", new[] { 0, 1 }));
        File.WriteAllBytes(file, ParquetFooter.WithFooterEnd(File.ReadAllBytes(file), [0x05, 0xC8, 0x01, 0x2A, 0x00]));
        Assert.Equal([1f, 2], ParquetTable.Load<float>(file).Data.X.ToArray());
    }

    [Fact]
    public void AnUnknownFooterStructIsSkippedByItsFieldHeadersAloneAsParquetNetSkipsIt()
    {
        // 0x0C 0xC8 0x01: a struct field numbered 100 (unknown); in it 0x15 0x05: an i32 field holding -3; 0x00: its stop; 0x00: the
        // footer's stop. Parquet.Net skips an unknown struct by reading field headers only: 0x15, then 0x05 as a header whose id
        // (0x00) follows, then the footer's stop as the struct's, and reads on past the footer's end. The check reads it the same
        // way and refuses it; a check that skipped the struct whole would pass it, and Parquet.Net would read on past the end.
        string file = Written("skip.parquet", 10, Values("x", new[] { 1.0, 2.0 }), Values("y", new[] { 0, 1 }));
        File.WriteAllBytes(file, ParquetFooter.WithFooterEnd(File.ReadAllBytes(file), [0x0C, 0xC8, 0x01, 0x15, 0x05, 0x00, 0x00]));
        Assert.StartsWith("skip.parquet: not a readable Parquet file (the footer is malformed at byte ", Refusal(file));
    }

    [Fact]
    public void AKnownFooterFieldCodedAsAnotherTypeIsRefusedNamingIt()
    {
        // 0x08 0x12 0x02 "ab": field 9 of FileMetaData (footer_signing_key_metadata, binary), coded as binary: read. 0x0C 0x12 0x00:
        // the same field coded as an empty struct: refused. Given twice: refused.
        string file = Written("typed.parquet", 10, Values("x", new[] { 1.0, 2.0 }), Values("y", new[] { 0, 1 }));
        byte[] written = File.ReadAllBytes(file), good = ParquetFooter.WithFooterEnd(written, [0x08, 0x12, 0x02, (byte)'a', (byte)'b', 0x00]);
        File.WriteAllBytes(file, good);
        Assert.Equal([1f, 2], ParquetTable.Load<float>(file).Data.X.ToArray());
        File.WriteAllBytes(file, ParquetFooter.WithFooterEnd(good, [0x08, 0x12, 0x01, (byte)'c', 0x00]));
        Assert.Matches(@"^typed\.parquet: not a readable Parquet file \(the footer is malformed at byte \d+ of \d+: field 9 of FileMetaData is given twice\)\.$", Refusal(file));
        File.WriteAllBytes(file, ParquetFooter.WithFooterEnd(written, [0x0C, 0x12, 0x00, 0x00]));
        Assert.Matches(@"^typed\.parquet: not a readable Parquet file \(the footer is malformed at byte \d+ of \d+: field 9 of FileMetaData is coded as a struct, where the Parquet format has binary\)\.$", Refusal(file));
    }

    [Fact]
    public void ASchemaNestedDeeperThanTheLimitIsRefusedNotRecursedInto()
    {
        // A footer whose schema is a root and 100,000 groups, each the one child of the one before: Parquet.Net builds the tree
        // by recursion, one level a group.
        const int Depth = 100_000;
        var footer = new List<byte> { 0x29, 0xFC }; // field 2 (schema), a list of structs whose count follows
        footer.AddRange(ParquetFooter.Varint((uint)Depth + 1, zigzag: false));
        for (int i = 0; i <= Depth; i++) footer.AddRange([0x48, 0x01, (byte)'g', 0x15, 0x02, 0x00]); // name "g", num_children 1
        footer.Add(0x00);
        byte[] bytes = [.. "PAR1"u8, .. footer, .. BitConverter.GetBytes(footer.Count), .. "PAR1"u8];
        string file = Dir.Path("nested.parquet");
        File.WriteAllBytes(file, bytes);
        Assert.Equal("nested.parquet: not a readable Parquet file (its schema nests 100000 levels deep; at most 64 are read).", Refusal(file));
    }

    [Fact]
    public void AnEmptyFileHasNoRows()
    {
        string file = Written("empty.parquet", 10, Values("x", Array.Empty<double>()), Values("y", Array.Empty<int>()));
        Assert.Equal("empty.parquet: the Parquet file has no rows.", Refusal(file));
    }

    private static string Refusal(string path, CsvOptions? options = null) =>
        Assert.Throws<BackpropException>(() => ParquetTable.Load<float>(path, options)).Message;
}
