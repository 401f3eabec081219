using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Tests.Support;
using CsCheck;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Mutated IDX files, plain and gzipped (bit flips, truncation, appended bytes, dimension fields set to extremes) either
/// load with as many values as their dimensions say or raise <see cref="BackpropException"/>, without allocating what a header merely claims.
/// </summary>
public sealed class IdxFuzzTests
{
    /// <summary>A valid IDX file of unsigned bytes with the given dimensions.</summary>
    internal static byte[] File(params int[] dims)
    {
        long count = dims.Aggregate(1L, (a, d) => a * d);
        var bytes = new byte[4 + 4 * dims.Length + count];
        bytes[2] = 0x08;
        bytes[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        for (long i = 0; i < count; i++) bytes[4 + 4 * dims.Length + i] = (byte)(i % 10);
        return bytes;
    }

    internal static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(bytes);
        return output.ToArray();
    }

    private static readonly byte[][] Seeds = [File(3, 4, 5), File(7), File(2, 3)];

    private static readonly int[] Extremes = [0, 1, -1, int.MaxValue, int.MinValue, 1 << 16, 1 << 30, 60000];

    private static Gen<Func<byte[], byte[]>> Mutation => Gen.OneOf(
        Gen.Int[0, 1 << 10].Select(Gen.Int[0, 7], (at, bit) => (Func<byte[], byte[]>)(b => { var c = (byte[])b.Clone(); if (c.Length > 0) c[at % c.Length] ^= (byte)(1 << bit); return c; })),
        Gen.Int[0, 1 << 10].Select(at => (Func<byte[], byte[]>)(b => b[..(at % (b.Length + 1))])),
        Gen.Int[0, 1 << 10].Select(at => (Func<byte[], byte[]>)(b => [.. b, .. new byte[at % 64]])),
        Gen.Int[0, 3].Select(Gen.Int[0, Extremes.Length - 1], (d, e) => (Func<byte[], byte[]>)(b =>
        {
            var c = (byte[])b.Clone();
            if (c.Length >= 8 + 4 * d) BinaryPrimitives.WriteInt32BigEndian(c.AsSpan(4 + 4 * d), Extremes[e]);
            return c;
        })));

    private static readonly Gen<(byte[] Bytes, bool Zipped)> Mutated =
        Gen.Int[0, Seeds.Length - 1].SelectMany(s => Gen.Int[1, 3].SelectMany(n => Mutation.Array[n]
            .Select(Gen.Bool, (ms, zip) => (ms.Aggregate(Seeds[s], (b, m) => m(b)), zip))));

    [Fact]
    public void MutatedFilesLoadOrRaiseOurException()
    {
        long loaded = 0, total = 0;
        Mutated.Sample(c =>
        {
            total++;
            byte[] bytes = c.Zipped ? Gzip(c.Bytes) : c.Bytes;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var (dims, values) = Idx.Read(new MemoryStream(bytes), "fuzz.idx");
                Assert.Equal(dims.Aggregate(1L, (a, d) => a * d), values.LongLength);
                loaded++;
            }
            catch (BackpropException e) { Assert.StartsWith("fuzz.idx: ", e.Message); }
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 8 << 20, "a mutated header made the reader allocate more than 8 MB");
        }, iter: FuzzBudget.Cases(2000, 500_000), threads: 1);
        Assert.True(loaded > 0 && loaded < total, $"{loaded} of {total} mutated files loaded");
    }
}
