using System.Globalization;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Onnx;

/// <summary><c>backprop export</c>: the ONNX file gives <c>backprop predict</c>'s probabilities in ONNX Runtime; bad calls get one line.</summary>
public sealed class ExportCommandTests : TempDirTest
{
    [Fact]
    public void TheExportedModelGivesPredictsProbabilities()
    {
        string model = Dir.Path("iris.safetensors"), onnx = Dir.Path("iris.onnx");
        Assert.Equal(0, BuiltInCommands.Train(BuiltInCommands.Iris, ["--out", model, "--epochs", "3"]).ExitCode);
        var export = CliRun.Of("export", "--model", model, "--onnx", onnx);
        Assert.Equal((0, $"wrote {onnx} (ONNX opset 17, input 'features' [N, features])", ""), (export.ExitCode, export.Stdout.Trim(), export.Stderr));

        var predict = CliRun.Of("predict", "--model", model, "--data", "iris").StdoutLines[1..];
        var iris = Backprop.Datasets.BuiltIn.Iris<float>().Data.X;
        using var session = new InferenceSession(onnx);
        foreach (int rows in OrtRun.BatchSizes)
        {
            var (probabilities, shape) = OrtRun.Output(session, iris, rows);
            Assert.Equal([rows, 3], shape);
            for (int i = 0; i < rows; i++)
                for (int k = 0; k < 3; k++)
                    Assert.Equal(double.Parse(predict[i].Split(',')[2 + k], CultureInfo.InvariantCulture), probabilities[i * 3 + k], 1e-5);
        }
    }

    [Fact]
    public void TheOnnxFileMayNotBeTheModel()
    {
        string model = Dir.Path("iris.safetensors");
        Assert.Equal(0, BuiltInCommands.Train(BuiltInCommands.Iris, ["--out", model, "--epochs", "1"]).ExitCode);
        CliRun.Of("export", "--model", model, "--onnx", model).AssertOneLineError($"--model and --onnx both name {model}", 2);
    }

    [Fact]
    public void AMissingModelIsOneLine()
    {
        string onnx = Dir.Path("m.onnx");
        CliRun.Of("export", "--model", Dir.Path("none.safetensors"), "--onnx", onnx).AssertOneLineError("none.safetensors", 1);
        Assert.False(File.Exists(onnx));
    }
}
