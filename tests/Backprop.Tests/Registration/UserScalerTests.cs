using Backprop.Data;
using Backprop.IO;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Registration;

/// <summary>
/// The scaler of <see cref="UserExtensions"/> (<see cref="MaxAbsScaling"/>, registered by the test assembly) trains from the CLI with
/// <c>--scale maxabs</c>, is saved in the model file under its kind name, and loads again for <c>Network.Load</c>, <c>info</c> and <c>predict</c>.
/// </summary>
public sealed class UserScalerTests : TempDirTest
{
    [Fact]
    public void ItFitsAndRestoresByName()
    {
        var x = Backprop.Tensors.Tensor<double>.FromArray([1.0, -4, 2, 2, -3, 0], 3, 2);
        var scaler = Scaler.Fit("maxabs", x);
        Assert.Equal([0.0, 0.0], scaler.Offsets);
        Assert.Equal([3.0, 4.0], scaler.Scales);
        var back = Scaler.FromState(scaler.ToState());
        Assert.Equal("maxabs", back.Kind);
        Assert.Equal(scaler.Transform(x).ToArray(), back.Transform(x).ToArray());
    }

    [Fact]
    public void ItTrainsFromTheCliSavesByKindAndLoadsForPredict()
    {
        Assert.Contains("maxabs", CliRun.Of("train", "--help").Stdout);
        string model = Dir.Path("maxabs.safetensors");
        var run = CliRun.Of("train", "--data", "iris", "--hidden", "8", "--scale", "maxabs", "--epochs", "3", "--seed", "2", "--out", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("scale maxabs", run.Stdout);

        var saved = ModelFile.Load<float>(model).Metadata.Scaler!;
        Assert.Equal("maxabs", saved.Kind);
        Assert.All(saved.Offsets, o => Assert.Equal(0, o));
        Assert.InRange(saved.Scales[0], 7.0, 7.9 + 1e-6); // the largest sepal length among the training rows of iris (at most 7.9 cm)
        var loaded = Network<float>.Load(model);
        Assert.Equal(Scalers.Parse("maxabs"), loaded.Scaling);
        Assert.Equal("maxabs", loaded.Scaler!.Kind);

        var info = CliRun.Of("info", "--model", model);
        Assert.True(info.ExitCode == 0, info.Stderr);
        Assert.Contains("maxabs", info.Stdout);
        var predict = CliRun.Of("predict", "--model", model, "--data", "iris");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var iris = Backprop.Datasets.BuiltIn.Iris<float>().Data;
        Assert.Equal(iris.Count + 1, predict.StdoutLines.Length);
    }
}
