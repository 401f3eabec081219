using Backprop.IO;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;
using Backprop.Training;
using CsCheck;

namespace Backprop.Tests.Fuzz;

/// <summary>
/// A checkpoint of a real run, damaged (bits flipped, cut short) or edited as a hostile user would and its checksum recomputed (a
/// metadata value, a tensor's bytes, shape or dtype): <c>train --resume</c> of it either resumes (exit 0) or is refused in one line
/// (exit 1 or 2); an internal error, a stack trace or a second line fails the case.
/// </summary>
public sealed class CheckpointFuzzTests : TempDirTest
{
    private static readonly long Cases = FuzzBudget.Cases(60, 1_500);

    private static readonly string[] Values = ["", "0", "-1", "1", "3", "1000", "2147483647", "-2147483648", "9223372036854775807", "NaN", "x", "1e9", "[1,2]", "{}", "\u001b[2J"];

    [Fact]
    public void EditedCheckpointsResumeOrAreRefusedInOneLine()
    {
        string run = Dir.Path("run");
        Assert.Equal(0, CliRun.Of("train", "--data", "xor", "--hidden", "4", "--epochs", "2", "--checkpoint-dir", run, "--seed", "3").ExitCode);
        string original = CheckpointDirectory.Files(run)[^1];
        byte[] bytes = File.ReadAllBytes(original);
        var file = SafetensorsFile.Read(original, finiteValues: false);
        var gen = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 1 << 20], Gen.Int[0, Values.Length - 1], Gen.Byte.Array[1, 64]);
        long resumed = 0, total = 0;
        gen.Sample((kind, at, value, noise) =>
        {
            string dir = Dir.Path($"case{total++}");
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, Path.GetFileName(original)), Mutate(bytes, file, kind, at, Values[value], noise));
            var resume = CliRun.Of("train", "--resume", dir, "--epochs", "3");
            if (resume.ExitCode == 0) { resumed++; return; }
            Assert.True(resume.ExitCode is 1 or 2, $"exit {resume.ExitCode}: {resume.Stderr}");
            var line = Assert.Single(resume.StderrLines);
            Assert.StartsWith("error: ", line);
            Assert.DoesNotContain("internal error", line);
        }, iter: Cases, threads: 1);
        Assert.True(resumed < total, $"all {total} edited checkpoints resumed");
    }

    private static byte[] Mutate(byte[] bytes, SafetensorsFile file, int kind, int at, string value, byte[] noise)
    {
        switch (kind)
        {
            case 0: // a bit flipped anywhere: the checksum (or the header's checks) refuse it
                var flipped = (byte[])bytes.Clone();
                flipped[at % flipped.Length] ^= (byte)(1 << (at >> 20 & 7 | at & 7));
                return flipped;
            case 1:
                return bytes[..(at % bytes.Length)];
            case 2: // a metadata value edited, the checksum recomputed
            {
                var keys = file.Metadata.Keys.Where(k => k != "checksum").Order(StringComparer.Ordinal).ToArray();
                var metadata = new Dictionary<string, string>(file.Metadata) { [keys[at % keys.Length]] = value };
                return Sealed(file with { Metadata = metadata });
            }
            case 3: // a tensor's bytes overwritten, the checksum recomputed
            {
                var tensors = file.Tensors.ToList();
                int i = at % tensors.Count;
                var data = tensors[i].Data.ToArray();
                for (int k = 0; k < data.Length; k++) data[k] = noise[(k + at) % noise.Length];
                tensors[i] = tensors[i] with { Data = data };
                return Sealed(file with { Tensors = tensors });
            }
            default: // a tensor's shape changed (its bytes kept) and the checksum recomputed: the header refuses or the restore does
            {
                var tensors = file.Tensors.ToList();
                int i = at % tensors.Count;
                tensors[i] = tensors[i] with { Shape = [.. tensors[i].Shape.Reverse()] };
                return Sealed(file with { Tensors = tensors });
            }
        }
    }

    // The file written with its checksum recomputed, as one who knows the format would.
    private static byte[] Sealed(SafetensorsFile file)
    {
        var metadata = new Dictionary<string, string>(file.Metadata) { ["checksum"] = Checkpoint.Checksum(file) };
        using var stream = new MemoryStream();
        (file with { Metadata = metadata }).Write(stream);
        return stream.ToArray();
    }
}
