using Backprop.IO;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>
/// A model whose finite weights overflow float32 (3e38) gives NaN probabilities: predict and evaluate refuse it in one line naming the
/// first row (exit 1), where evaluate printed "loss NaN" and exited 0.
/// </summary>
public sealed class OverflowingModelCliTests : TempDirTest
{
    private string Overflowing()
    {
        var legacy = SafetensorsFile.Read(Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", "iris-mlp.safetensors"));
        var huge = legacy.Tensors.Select(t => t.Name == "0.weight"
            ? SafetensorsTensor.FromValues(t.Name, "F32", t.Shape, [.. Enumerable.Repeat(3e38, (int)t.ElementCount)]) : t).ToList();
        string path = Dir.Path("huge.safetensors");
        using (var stream = File.Create(path)) (legacy with { Tensors = huge }).Write(stream);
        return path;
    }

    [Fact]
    public void EvaluateRefusesAModelWhoseOutputsAreNotNumbers()
    {
        var run = CliRun.Of("evaluate", "--model", Overflowing(), "--data", "iris");
        run.AssertOneLineError("huge.safetensors: its output for iris at line ", 1);
        Assert.Contains("is NaN, not a number it can give: the model's arithmetic overflows float32", run.Stderr);
    }

    [Fact]
    public void PredictRefusesAModelWhoseOutputsAreNotNumbers() =>
        CliRun.Of("predict", "--model", Overflowing(), "--data", "iris").AssertOneLineError("huge.safetensors: its output for iris at line ", 1);
}
