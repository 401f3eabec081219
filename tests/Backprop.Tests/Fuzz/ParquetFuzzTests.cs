using Backprop.Data;
using Backprop.Errors;
using Backprop.Tests.Support;
using CsCheck;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Mutated Parquet files (bit flips, bytes overwritten, truncation, inserted bytes) either load or raise
/// <see cref="BackpropException"/> naming the file; any other exception (Parquet.Net's own) or a case running 30 s fails.
/// </summary>
public sealed class ParquetFuzzTests : TempDirTest
{
    private static readonly byte[][] Seeds = [Seed(7), Seed(3)];

    // Two row groups: an int, a nullable double, a bool and a string target; the second seed in row groups of 3.
    private static byte[] Seed(int groupRows)
    {
        int[] rows = [.. Enumerable.Range(0, 8)];
        using var bytes = new MemoryStream();
        Write(bytes, groupRows, Values("a", rows), Nullable("b", rows.Select(i => i == 5 ? null : (double?)(i * 0.5)).ToArray()),
            Values("c", rows.Select(i => i % 3 == 0).ToArray()), Texts("y", rows.Select(i => i % 2 == 0 ? "even" : "odd").ToArray()));
        return bytes.ToArray();
    }

    private static readonly Gen<Func<byte[], byte[]>> Mutation = Gen.OneOf(
        Gen.Int[0, 1 << 12].Select(Gen.Int[0, 7], (at, bit) => (Func<byte[], byte[]>)(b => Change(b, at, v => (byte)(v ^ (1 << bit))))),
        Gen.Int[0, 1 << 12].Select(Gen.Byte, (at, value) => (Func<byte[], byte[]>)(b => Change(b, at, _ => value))),
        Gen.Int[0, 1 << 12].Select(at => (Func<byte[], byte[]>)(b => b[..(at % (b.Length + 1))])),
        Gen.Int[0, 1 << 12].Select(Gen.Byte.Array[1, 8], (at, what) => (Func<byte[], byte[]>)(b => [.. b[..(at % (b.Length + 1))], .. what, .. b[(at % (b.Length + 1))..]])));

    private static readonly Gen<byte[]> Mutated =
        Gen.Int[0, Seeds.Length - 1].SelectMany(s => Gen.Int[1, 3].SelectMany(n => Mutation.Array[n]
            .Select(mutations => mutations.Aggregate(Seeds[s], (bytes, m) => m(bytes)))));

    // The footer and its length sit at the end: changes there are drawn more often by counting positions from the end too.
    private static byte[] Change(byte[] bytes, int at, Func<byte, byte> change)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        int i = at % 2 == 0 ? at / 2 % copy.Length : copy.Length - 1 - at / 2 % copy.Length;
        copy[i] = change(copy[i]);
        return copy;
    }

    private static readonly CsvOptions[] Options =
        [new(), new() { Missing = MissingValues.Mean }, new() { Missing = MissingValues.Drop, Target = "a", Drop = ["y"] }];

    [Fact]
    public void MutatedFilesLoadOrRaiseOurException()
    {
        string path = Dir.Path("fuzz.parquet");
        long loaded = 0, total = 0;
        Mutated.Select(Gen.Int[0, Options.Length - 1]).Sample((bytes, o) =>
        {
            total++;
            File.WriteAllBytes(path, bytes);
            var load = Task.Run(() => LoadOrRefusal.Of(() => ParquetTable.Load<float>(path, Options[o]), "fuzz.parquet"));
            Assert.True(load.Wait(TimeSpan.FromSeconds(30)), $"a case still ran after 30 s: {Convert.ToBase64String(bytes)}");
            if (load.Result) loaded++;
        }, iter: FuzzBudget.Cases(1000, 200_000), threads: 1);
        Assert.True(loaded > 0 && loaded < total, $"{loaded} of {total} mutated files loaded");
    }
}
