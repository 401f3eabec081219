using Backprop.Text;
using Backprop.Tests.IO;
using Backprop.Tests.Support;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Cli;

/// <summary>
/// The cases of issue 23's list that no other test replayed as the hostile user ran them: class names with terminal escapes from a
/// Parquet file (train and info) and from <c>import --classes</c> (info), and <c>train</c> on a Parquet file whose column names are of
/// absurd length, which exited 0 with a model no command could read. (The other cases, and where their tests are: docs/fuzzing.md.)
/// </summary>
public sealed class HostileCaseReplayTests : TempDirTest
{
    private const string Osc = "\u001b]0;pwned\u0007", Clear = "\u001b[2J";

    private static void AssertInert(CliRun run, string what)
    {
        Assert.True(run.ExitCode == 0, $"{what}: {run.Stderr}");
        string text = run.Stdout + run.Stderr;
        Assert.False(text.Contains('\u001b', StringComparison.Ordinal) || text.Contains('\u0007', StringComparison.Ordinal), $"{what} printed a raw escape: {Inert.Text(text)}");
    }

    /// <summary><c>info</c> on the model prints no raw escape and shows each class name escaped.</summary>
    private static void AssertInfoShowsEscaped(string model, params string[] escapedNames)
    {
        var info = CliRun.Of("info", "--model", model);
        AssertInert(info, "info");
        foreach (string name in escapedNames) Assert.Contains(name, info.Stdout);
    }

    [Fact]
    public void ClassNamesWithTerminalEscapesFromAParquetFileAreShownEscapedByTrainAndInfo()
    {
        string data = Dir.Path("labels.parquet");
        Write(data, 100, Values("x", Enumerable.Range(0, 60).Select(i => (double)(i % 6)).ToArray()), Values("y", Enumerable.Range(0, 60).Select(i => (double)(i * 7 % 5)).ToArray()),
            Texts("label", [.. Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? "red" + Osc : "blue" + Clear)]));
        string model = Dir.Path("m.safetensors");
        var train = CliRun.Of("train", "--data", data, "--hidden", "4", "--epochs", "2", "--out", model);
        AssertInert(train, "train");
        AssertInfoShowsEscaped(model, "red\\x1b]0;pwned\\x07", "blue\\x1b[2J");
    }

    [Fact]
    public void ClassNamesWithTerminalEscapesFromImportAreShownEscapedByInfo()
    {
        var r = new Random(5);
        string torch = Dir.Path("torch.safetensors");
        File.WriteAllBytes(torch, TorchStateDict.Bytes(TorchStateDict.Sequential(
            [TorchImportTests.Matrix(r, 4, 2), TorchImportTests.Matrix(r, 2, 4)], [TorchImportTests.Vector(r, 4), TorchImportTests.Vector(r, 2)])));
        string model = Dir.Path("m.safetensors");
        var import = CliRun.Of("import", "--torch", torch, "--layers", "2-4-2", "--classes", $"cat{Osc},dog{Clear}", "--out", model);
        AssertInert(import, "import");
        AssertInfoShowsEscaped(model, "cat\\x1b]0;pwned\\x07", "dog\\x1b[2J");
    }

    [Fact]
    public void TrainOnAParquetFileWithColumnNamesOfAbsurdLengthWritesNoModel()
    {
        string data = Dir.Path("long.parquet");
        Write(data, 100, Values(new string('n', 100_000), Enumerable.Range(0, 40).Select(i => (double)(i % 5)).ToArray()),
            Values("y", Enumerable.Range(0, 40).Select(i => i % 2).ToArray()));
        string model = Dir.Path("m.safetensors");
        CliRun.Of("train", "--data", data, "--hidden", "4", "--epochs", "1", "--out", model).AssertOneLineError("has a name of 100000 characters");
        Assert.Equal(["long.parquet"], Dir.Files); // no model, no temporary
    }
}
