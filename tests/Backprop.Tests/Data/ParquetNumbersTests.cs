using Backprop.Data;
using Backprop.Errors;
using Backprop.Parquet;
using Backprop.Tests.Support;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Data;

/// <summary>
/// The parallel reader of all-number Parquet files (ParquetNumbers) gives what the record reader gives, row for row, whether it reads
/// one row group or many, on one worker or several; and where it cannot (nulls, other types, bad values), the record reader's result or error stands.
/// </summary>
public sealed class ParquetNumbersTests : TempDirTest
{
    private const int Rows = 50;
    private static readonly float[] Floats = [.. Enumerable.Range(0, Rows).Select(i => i * 0.37f - 5.1f)];
    private static readonly double[] Doubles = [.. Enumerable.Range(0, Rows).Select(i => Math.Sqrt(i) * (i % 2 == 0 ? 1 : -1e-3))];
    private static readonly int[] Ints = [.. Enumerable.Range(0, Rows).Select(i => i * 7919 % 101 - 50)];
    private static readonly long[] Longs = [.. Enumerable.Range(0, Rows).Select(i => (long)i * 1_234_567_891_011 - (1L << 52))];
    private static readonly string[] Labels = [.. Enumerable.Range(0, Rows).Select(i => new[] { " b", "a", "c " }[i * 5 % 3])];

    private string Written(int groupRows, params ParquetColumnData[] columns)
    {
        string path = Dir.Path($"t{Guid.NewGuid():N}.parquet");
        Write(path, groupRows, columns);
        return path;
    }

    private static ParquetColumnData[] NumberColumns() =>
        [Values("f", Floats), Values("d", Doubles), Values("i", Ints), Values("l", Longs)];

    public static TheoryData<int> GroupSizes => new() { Rows, 17, 7, 1 };

    [Theory]
    [MemberData(nameof(GroupSizes))]
    public void NumbersWithALabelReadAsTheRecordReaderReadsThem(int groupRows)
    {
        string path = Written(groupRows, [.. NumberColumns(), Texts("y", Labels)]);
        foreach (var options in new[] { new CsvOptions(), new CsvOptions { Drop = ["l"] }, new CsvOptions { Missing = MissingValues.Drop } })
        {
            var expected = RecordReader(path, options);
            foreach (int threads in new[] { 1, 3 }) SameTable.Equal(expected, Fast(path, options, threads));
            SameTable.Equal(expected, ParquetTable.Load<float>(path, options));
            SameTable.Equal(RecordReader<double>(path, options), Fast<double>(path, options, 2));
        }
    }

    [Theory]
    [InlineData("i")] // integers: classes
    [InlineData("d")] // doubles: values
    [InlineData("f")]
    public void ANumericTargetReadsAsTheRecordReaderReadsIt(string target)
    {
        string path = Written(13, NumberColumns());
        var options = new CsvOptions { Target = target };
        SameTable.Equal(RecordReader(path, options), Fast(path, options, 2));
    }

    [Fact]
    public void NullableColumnsWithoutNullsAreRead()
    {
        string path = Written(9, Nullable("a", Doubles.Select(v => (double?)v).ToArray()), Nullable("b", Ints.Select(v => (int?)v).ToArray()), Texts("y", Labels));
        SameTable.Equal(RecordReader(path, new CsvOptions()), Fast(path, new CsvOptions(), 2));
    }

    [Fact]
    public void LoadReadsAllNumberFilesThroughIt()
    {
        string path = Written(11, [.. NumberColumns(), Texts("y", Labels)]);
        int before = ParquetNumbers.FilesRead;
        ParquetTable.Load<float>(path);
        Assert.Equal(before + 1, ParquetNumbers.FilesRead);
        ParquetTable.Load<float>(Written(11, Values("b", Ints.Select(i => i % 2 == 0).ToArray()), Texts("y", Labels))); // booleans: the record reader's
        Assert.Equal(before + 1, ParquetNumbers.FilesRead);
    }

    public static TheoryData<string> Unread => new()
    {
        "null feature", "null target", "missing token", "boolean", "decimal", "string feature", "NaN", "beyond float", "list", "encoding",
    };

    [Theory]
    [MemberData(nameof(Unread))]
    public void FilesItCannotReadAreLeftToTheRecordReader(string kind)
    {
        double?[] withNull = [.. Doubles.Select((v, i) => i == 30 ? null : (double?)v)];
        var options = kind == "encoding" ? new CsvOptions { Categorical = ["i"] } : new CsvOptions();
        string path = kind switch
        {
            "null feature" => Written(10, Values("f", Floats), Nullable("d", withNull), Texts("y", Labels)),
            "null target" => Written(10, Values("f", Floats), Texts("y", Labels.Select((l, i) => i == 44 ? null : l).ToArray())),
            "missing token" => Written(10, Values("f", Floats), Texts("y", Labels.Select((l, i) => i == 44 ? "?" : l).ToArray())),
            "boolean" => Written(10, Values("f", Floats), Values("b", Ints.Select(i => i > 0).ToArray()), Texts("y", Labels)),
            "decimal" => Written(10, Values("f", Floats), Decimals("p", Ints.Select(i => i * 0.5m).ToArray()), Texts("y", Labels)),
            "string feature" => Written(10, Values("f", Floats), Texts("s", Labels), Texts("y", Labels)),
            "NaN" => Written(10, Values("d", Doubles.Select((v, i) => i == 33 ? double.NaN : v).ToArray()), Texts("y", Labels)),
            "beyond float" => Written(10, Values("d", Doubles.Select((v, i) => i == 33 ? 1e39 : v).ToArray()), Texts("y", Labels)),
            "list" => Written(10, Values("f", Floats), List("l", Ints), Texts("y", Labels)),
            _ => Written(10, [.. NumberColumns(), Texts("y", Labels)]),
        };
        Assert.Null(TryFast(path, options, 2));
        foreach (var missing in new[] { MissingValues.Error, MissingValues.Drop, MissingValues.Mean })
        {
            var o = new CsvOptions { Missing = missing, Categorical = options.Categorical };
            AssertSameOrSameError(path, o);
        }
    }

    [Fact]
    public void RepositoryCorpusFilesReadAsTheRecordReaderReadsThem()
    {
        var files = Directory.GetFiles(System.IO.Path.Combine(RepoData.RepositoryRoot, "fuzz", "corpus", "parquet"), "*.parquet");
        Assert.NotEmpty(files);
        int fast = 0;
        foreach (string file in files)
            foreach (var options in new[] { new CsvOptions(), new CsvOptions { Missing = MissingValues.Drop }, new CsvOptions { Missing = MissingValues.Mean } })
            {
                if (TryFast(file, options, 2) is not null) fast++;
                AssertSameOrSameError(file, options);
            }
        Assert.True(fast > 0, "the all-number corpus file is read in parallel");
    }

    private static TabularData<float> RecordReader(string path, CsvOptions options) => RecordReader<float>(path, options);

    private static TabularData<T> RecordReader<T>(string path, CsvOptions options) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var table = ParquetRecords.Open(path);
        return TableLoader.Load<T>(table, options);
    }

    private static TabularData<float>? TryFast(string path, CsvOptions options, int threads)
    {
        using var table = ParquetRecords.Open(path);
        return ParquetNumbers.TryLoad<float>(table, options, threads);
    }

    private static TabularData<float> Fast(string path, CsvOptions options, int threads) => Fast<float>(path, options, threads);

    private static TabularData<T> Fast<T>(string path, CsvOptions options, int threads) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var table = ParquetRecords.Open(path);
        return ParquetNumbers.TryLoad<T>(table, options, threads) ?? throw new InvalidOperationException("not read by the parallel reader");
    }

    private static void AssertSameOrSameError(string path, CsvOptions options) =>
        SameTable.OrSameError(() => RecordReader(path, options), () => ParquetTable.Load<float>(path, options));
}
