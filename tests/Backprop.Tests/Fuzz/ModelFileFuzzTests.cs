using System.Buffers.Binary;
using System.Text;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.IO;
using Backprop.Tests.Support;
using Backprop.Training;
using CsCheck;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// Valid model files mutated (bit flips, truncation, header length extremes, duplicated keys, odd encodings, hostile metadata
/// and values): each either loads, predicts and shows with <c>info</c>, or is refused with <see cref="BackpropException"/>
/// naming the file. Any other exception, or a refusal that does not name the file, is a failing case.
/// </summary>
public sealed class ModelFileFuzzTests : TempDirTest
{
    private static readonly long Cases = FuzzBudget.Cases(2_000, 500_000);

    private static byte[][] Bases => [SavedModels.Iris, SavedModels.Mpg, TorchFile.SmallMlp()];

    /// <summary>The ways a file is damaged; each takes the file and a seeded generator.</summary>
    private static readonly Func<byte[], Rng, byte[]>[] Mutations =
    [
        FlipBits, Truncate, HeaderLengthExtreme, DuplicateKey, OddEncoding, HostileMetadata, HostileValue, SpliceHeaderText,
    ];

    [Fact]
    public void MutatedModelFilesLoadOrAreRefusedByName()
    {
        var bases = Bases;
        string path = Dir.Path("fuzz.safetensors");
        var gen = Gen.Select(Gen.Int[0, bases.Length - 1], Gen.Int[0, Mutations.Length - 1], Gen.Int[1, 3], Gen.ULong);
        long loaded = 0;
        gen.Sample((b, kind, times, seed) =>
        {
            var rng = new Rng(seed);
            var bytes = bases[b];
            for (int i = 0; i < times; i++) bytes = Mutations[(kind + i * rng.NextInt(Mutations.Length)) % Mutations.Length](bytes, rng);
            File.WriteAllBytes(path, bytes);
            if (LoadsOrIsRefused(path, b == 2)) loaded++;
        }, iter: Cases, threads: 1);
        Assert.True(loaded > 0 && loaded < Cases, $"{loaded} of {Cases} damaged files loaded: the cases must reach both loading and refusing");
    }

    // Loads, predicts and passes info, or is refused by name; no other exception and no other message.
    private static bool LoadsOrIsRefused(string path, bool torch)
    {
        bool loaded = false;
        try
        {
            var network = Network<float>.Load(path, torch ? Architecture.Mlp([2, 2, 1], Activation.Relu) : null);
            var sizes = Mlp.Sizes(network.Model);
            var p = network.Predict(Tensor<float>.Zeros(2, sizes[0]));
            Assert.Equal([2, sizes[^1]], p.Shape.ToArray());
            loaded = true;
        }
        catch (BackpropException e) { Assert.StartsWith(path + ": ", e.Message); }
        var info = CliRun.Of("info", "--model", path);
        if (info.ExitCode == 0) Assert.Equal("", info.Stderr);
        else info.AssertOneLineError($"error: {path}: ", 1);
        return loaded;
    }

    private static byte[] FlipBits(byte[] bytes, Rng rng)
    {
        if (bytes.Length == 0) return bytes;
        var copy = (byte[])bytes.Clone();
        int header = HeaderEnd(bytes);
        for (int k = 1 + rng.NextInt(8); k > 0; k--)
        {
            int at = rng.NextInt(4) > 0 && header > 8 ? 8 + rng.NextInt(header - 8) : rng.NextInt(copy.Length);
            copy[at] ^= (byte)(1 << rng.NextInt(8));
        }
        return copy;
    }

    private static byte[] Truncate(byte[] bytes, Rng rng) => bytes[..rng.NextInt(bytes.Length + 1)];

    private static byte[] HeaderLengthExtreme(byte[] bytes, Rng rng)
    {
        if (bytes.Length < 8) return bytes;
        var copy = (byte[])bytes.Clone();
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(copy);
        ulong[] extremes = [0, 1, 7, n - 1, n + 1, n + 8, (ulong)copy.Length - 8, (ulong)copy.Length, int.MaxValue, (ulong)int.MaxValue + 1,
            100_000_000, 100_000_001, long.MaxValue, ulong.MaxValue, 1UL << 32];
        BinaryPrimitives.WriteUInt64LittleEndian(copy, extremes[rng.NextInt(extremes.Length)]);
        return copy;
    }

    // A copy of one "key": value pair of the header (a tensor or a metadata entry) inserted right after it.
    private static byte[] DuplicateKey(byte[] bytes, Rng rng)
    {
        string header = Header(bytes);
        var starts = Enumerable.Range(0, header.Length).Where(i => header[i] == '"' && i > 0 && header[i - 1] is '{' or ',').ToList();
        if (starts.Count == 0) return bytes;
        int start = starts[rng.NextInt(starts.Count)];
        int colon = header.IndexOf(':', start); // an earlier mutation may have left a key without its value
        if (colon < 0) return bytes;
        int end = JsonText.EndOfValue(header, colon + 1);
        if (end <= start) return bytes;
        string pair = header[start..end];
        return WithHeader(bytes, header[..end] + "," + pair + header[end..]);
    }

    // Invalid UTF-8, overlong encodings, a BOM, NUL, lone surrogate escapes and non-ASCII names in the header.
    private static byte[] OddEncoding(byte[] bytes, Rng rng)
    {
        var header = Encoding.UTF8.GetBytes(Header(bytes)).ToList();
        byte[][] odd = [[0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xEF, 0xBB, 0xBF], [0], "\\ud800"u8.ToArray(), "\\u0000"u8.ToArray(),
            "é"u8.ToArray(), "\\\""u8.ToArray(), [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9D, 0x84, 0x9E]];
        int at = rng.NextInt(header.Count + 1);
        header.InsertRange(at, odd[rng.NextInt(odd.Length)]);
        return WithHeaderBytes(bytes, [.. header]);
    }

    // One metadata value changed: a character replaced by one that matters in JSON, a number made extreme, a list emptied.
    private static byte[] HostileMetadata(byte[] bytes, Rng rng)
    {
        SafetensorsFile file;
        try { file = SafetensorsFile.Parse(bytes, "base"); }
        catch (BackpropException) { return bytes; }
        if (file.Metadata.Count == 0) return bytes;
        var metadata = file.Metadata.ToDictionary();
        var key = metadata.Keys.Order(StringComparer.Ordinal).ElementAt(rng.NextInt(metadata.Count));
        string value = metadata[key];
        string[] pieces = ["[", "]", "{", "}", "\"", ",", ":", "null", "-1", "0", "1e400", "2147483648", "-0", "true", "[]", "{}", "9", "NaN", "\\u0000", "\"\""];
        int at = rng.NextInt(value.Length + 1), cut = rng.NextInt(3);
        metadata[key] = value[..at] + pieces[rng.NextInt(pieces.Length)] + value[Math.Min(value.Length, at + cut)..];
        return SavedModels.Bytes(file with { Metadata = metadata });
    }

    // One stored value made NaN, infinite, huge or subnormal, through the library's writer (a header that is valid).
    private static byte[] HostileValue(byte[] bytes, Rng rng)
    {
        SafetensorsFile file;
        try { file = SafetensorsFile.Parse(bytes, "base"); }
        catch (BackpropException) { return bytes; }
        var tensors = file.Tensors.ToList();
        if (tensors.Count == 0) return bytes;
        int t = rng.NextInt(tensors.Count);
        if (tensors[t].DType != "F32" || tensors[t].Data.Length == 0) return bytes;
        var data = tensors[t].Data.ToArray();
        float[] values = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, -float.MaxValue, float.Epsilon, 1e30f];
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4 * rng.NextInt(data.Length / 4)), values[rng.NextInt(values.Length)]);
        tensors[t] = tensors[t] with { Data = data };
        return SavedModels.Bytes(file with { Tensors = tensors });
    }

    // Header text edits (the length field follows): offsets, shapes and dtypes swapped for hostile ones.
    private static byte[] SpliceHeaderText(byte[] bytes, Rng rng)
    {
        string header = Header(bytes);
        string[] pieces = ["[0,0]", "[-1]", "[4611686018427387904,4]", "[9223372036854775807]", "\"F16\"", "\"BF16\"", "\"I64\"", "\"F64\"", "\"XX\"", "[]", "[0]", "1.5", "[8,4]", "null", "{}"];
        if (header.Length == 0) return bytes;
        int at = rng.NextInt(header.Length);
        int end = header[at] is '[' or '"' or '{' ? JsonText.EndOfValue(header, at) : at;
        return WithHeader(bytes, header[..at] + pieces[rng.NextInt(pieces.Length)] + header[end..]);
    }

    // Where the header ends as the length field says, within the bytes there are.
    private static int HeaderEnd(byte[] bytes) =>
        bytes.Length < 8 ? bytes.Length : (int)Math.Min(8 + Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(bytes), (ulong)bytes.Length), (ulong)bytes.Length);

    private static string Header(byte[] bytes) => bytes.Length < 8 ? "" : Encoding.UTF8.GetString(bytes, 8, HeaderEnd(bytes) - 8);

    private static byte[] WithHeader(byte[] bytes, string header) => WithHeaderBytes(bytes, Encoding.UTF8.GetBytes(header));

    // The header replaced (length field set to the new length), the data after it kept.
    private static byte[] WithHeaderBytes(byte[] bytes, byte[] header)
    {
        var data = bytes.AsSpan(HeaderEnd(bytes));
        var result = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)header.Length);
        header.CopyTo(result, 8);
        data.CopyTo(result.AsSpan(8 + header.Length));
        return result;
    }
}
