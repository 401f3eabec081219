using System.Text;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tests.Support;
using CsCheck;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Mutated CSV files (bit flips, truncation, inserted quotes, separators, line breaks, NULs, Latin-1 and UTF-16 bytes,
/// huge numbers) either load or raise <see cref="BackpropException"/>; any other exception fails the case.
/// </summary>
public sealed class CsvFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        "sepal,width,kind\n5.1,3.5,setosa\n4.9,3.0,setosa\n6.2,2.9,virginica\n5.9,3.0,virginica\n"u8.ToArray(),
        "1,2,0\n3,4,1\n5,6,0\n7,8,1\n"u8.ToArray(),
        "\"a;b\";c;y\n\"1\";2;0.5\n3;?;1.5\n5;6;2.5\n"u8.ToArray(),
        "  1   2\tx\n  3 4 y\n\n5 6 x\n"u8.ToArray(),
    ];

    private static readonly byte[][] Insertions =
        [[(byte)'"'], [(byte)','], [(byte)';'], [(byte)'\t'], [(byte)'\n'], [(byte)'\r'], [0], [0xE9], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF],
         "1e39"u8.ToArray(), "NaN"u8.ToArray(), "?"u8.ToArray(), "\"\""u8.ToArray(), [0xC3], [0xF0, 0x9F, 0x98, 0x80]];

    private static readonly Gen<byte[]> Mutated =
        Gen.Int[0, Seeds.Length - 1].SelectMany(s => Gen.Int[1, 4].SelectMany(n => Mutation(Seeds[s]).Array[n]
            .Select(mutations => mutations.Aggregate(Seeds[s], (bytes, m) => m(bytes)))));

    private static Gen<Func<byte[], byte[]>> Mutation(byte[] seed) => Gen.OneOf(
        Gen.Int[0, 1 << 12].Select(Gen.Int[0, 7], (at, bit) => (Func<byte[], byte[]>)(b => Flip(b, at, bit))),
        Gen.Int[0, 1 << 12].Select(at => (Func<byte[], byte[]>)(b => b[..Math.Min(at % (b.Length + 1), b.Length)])),
        Gen.Int[0, 1 << 12].Select(Gen.Int[0, Insertions.Length - 1], (at, i) => (Func<byte[], byte[]>)(b => Insert(b, at, Insertions[i]))),
        Gen.Int[0, 1 << 12].Select(at => (Func<byte[], byte[]>)(b => [.. b, .. b[(at % (b.Length + 1))..]])));

    private static byte[] Flip(byte[] bytes, int at, int bit)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        copy[at % copy.Length] ^= (byte)(1 << bit);
        return copy;
    }

    private static byte[] Insert(byte[] bytes, int at, byte[] what)
    {
        int i = at % (bytes.Length + 1);
        return [.. bytes[..i], .. what, .. bytes[i..]];
    }

    private static readonly CsvOptions[] Options =
    [
        new(), new() { Missing = MissingValues.Mean }, new() { Missing = MissingValues.Drop, Task = TaskKind.Regression },
        new() { HasHeader = true, Target = "0" }, new() { Separator = CsvOptions.Whitespace },
    ];

    /// <summary>Loads or refuses in our words; returns whether it loaded.</summary>
    internal static bool LoadsOrRefuses(byte[] bytes, CsvOptions options)
    {
        using var stream = new MemoryStream(bytes);
        return LoadOrRefusal.Of(() => Csv.Load<float>(stream, "fuzz.csv", options), "fuzz.csv");
    }

    [Fact]
    public void MutatedFilesLoadOrRaiseOurException()
    {
        long loaded = 0, total = 0;
        Mutated.Select(Gen.Int[0, Options.Length - 1]).Sample((bytes, o) =>
        {
            total++;
            if (LoadsOrRefuses(bytes, Options[o])) loaded++;
        }, iter: FuzzBudget.Cases(2000, 500_000), threads: 1);
        Assert.True(loaded > 0 && loaded < total, $"{loaded} of {total} mutated files loaded");
    }

    [Fact]
    public void RandomTextLoadsOrRaisesOurException() =>
        Gen.Select(Gen.Char["0123456789.,;\t \"\n\r?-eNa\u00e9x"].Array[0, 200], Gen.Int[0, Options.Length - 1]).Sample(
            (chars, o) => { LoadsOrRefuses(Encoding.UTF8.GetBytes(chars), Options[o]); }, iter: FuzzBudget.Cases(2000, 500_000), threads: 1);
}
