using Backprop.Data;
using Backprop.Errors;
using Backprop.Kernels;
using Backprop.Parquet;
using Backprop.Tests.Support;
using CsCheck;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Mutated Parquet files (<see cref="ParquetMutations"/>) either load or raise <see cref="BackpropException"/> naming the
/// file; any other exception (Parquet.Net's own), a case running 30 s or one allocating more than 256 MB fails.
/// </summary>
public sealed class ParquetFuzzTests : TempDirTest
{
    private static readonly byte[][] Seeds = [Seed(7), Seed(3), NumberSeed()];

    // Two row groups: an int, a nullable double, a bool and a string target; the second seed in row groups of 3.
    private static byte[] Seed(int groupRows)
    {
        int[] rows = [.. Enumerable.Range(0, 8)];
        using var bytes = new MemoryStream();
        Write(bytes, groupRows, Values("a", rows), Nullable("b", rows.Select(i => i == 5 ? null : (double?)(i * 0.5)).ToArray()),
            Values("c", rows.Select(i => i % 3 == 0).ToArray()), Texts("y", rows.Select(i => i % 2 == 0 ? "even" : "odd").ToArray()));
        return bytes.ToArray();
    }

    // All numbers (an int, a double) and a string target in row groups of 3: the file ParquetNumbers reads, row groups in parallel.
    private static byte[] NumberSeed()
    {
        int[] rows = [.. Enumerable.Range(0, 8)];
        using var bytes = new MemoryStream();
        Write(bytes, 3, Values("a", rows), Values("b", rows.Select(i => i * 0.5 - 1).ToArray()), Texts("y", rows.Select(i => i % 2 == 0 ? "even" : "odd").ToArray()));
        return bytes.ToArray();
    }

    private static readonly Gen<byte[]> Mutated =
        Gen.Int[0, Seeds.Length - 1].SelectMany(s => Gen.Int[1, 3].SelectMany(n => ParquetMutations.Any.Array[n]
            .Select(mutations => mutations.Aggregate(Seeds[s], (bytes, m) => m(bytes)))));

    private static readonly CsvOptions[] Options =
        [new(), new() { Missing = MissingValues.Mean }, new() { Missing = MissingValues.Drop, Target = "a", Drop = ["y"] }];

    /// <summary>The most a case may allocate: the files are a few hundred bytes, so this is far out of proportion.</summary>
    private const long MaxAllocated = 256 << 20;

    [Fact]
    public void MutatedFilesLoadOrRaiseOurException()
    {
        string path = Dir.Path("fuzz.parquet");
        long loaded = 0, total = 0;
        Mutated.Select(Gen.Int[0, Options.Length - 1]).Sample((bytes, o) =>
        {
            total++;
            File.WriteAllBytes(path, bytes);
            var load = Task.Run(() =>
            {
                using var oneThread = ComputeSettings.Use(new ComputeOptions { Threads = 1 }); // every read on this thread: its allocations are counted
                long before = GC.GetAllocatedBytesForCurrentThread();
                bool read = LoadOrRefusal.Of(() => ParquetTable.Load<float>(path, Options[o]), "fuzz.parquet");
                return (read, allocated: GC.GetAllocatedBytesForCurrentThread() - before);
            });
            Assert.True(load.Wait(TimeSpan.FromSeconds(30)), $"a case still ran after 30 s: {Convert.ToBase64String(bytes)}");
            Assert.True(load.Result.allocated <= MaxAllocated,
                $"a case allocated {load.Result.allocated >> 20} MB (options {o}): {Convert.ToBase64String(bytes)}");
            if (load.Result.read) loaded++;
        }, iter: FuzzBudget.Cases(1000, 200_000), threads: 1);
        Assert.True(loaded > 0 && loaded < total, $"{loaded} of {total} mutated files loaded");
    }
}
