using Backprop.IO;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn.Activations;

/// <summary>The new activations through every layer of the product: model files, the CLI's train, explain and --paths.</summary>
public class ActivationProductTests
{
    public static TheoryData<string> New => ["gelu", "gelu_tanh", "silu", "elu", "elu:0.5", "softplus"];

    [Theory]
    [MemberData(nameof(New))]
    public void ModelSavesAndLoadsWithItsActivation(string name)
    {
        using var files = new TempDir();
        var activation = Activation.Parse(name);
        var model = Mlp.Create<double>([3, 6, 2], activation, seed: 4);
        var path = files.Path("m.safetensors");
        ModelFile.Save(path, model);
        var loaded = ModelFile.Load<double>(path);
        Assert.Equal([activation, Activation.Identity], loaded.Metadata.Architecture!.Activations);
        var x = Tensor<double>.RandomNormal(1, 0, 1, 5, 3);
        Assert.Equal(model.Forward(x).ToArray(), loaded.Model.Forward(x).ToArray());
        Assert.Contains(activation.Info.Torch!, loaded.Metadata.Architecture.TorchModules());
    }

    [Theory]
    [MemberData(nameof(New))]
    public void TrainRunsWithIt(string name)
    {
        var run = CliRun.Of("train", "--data", "xor", "--epochs", "2", "--activation", name);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"activation {Activation.Parse(name)}", run.Stdout);
    }

    [Fact]
    public void TrainRejectsABadParameter()
    {
        var run = CliRun.Of("train", "--activation", "elu:abc");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("ALPHA must be a finite number", run.Stderr);
    }

    [Fact]
    public void ExplainWritesGeluAndItsDerivative()
    {
        using var files = new TempDir();
        var spec = """
            {"layers": [{"w": [[0.5, -0.3]], "b": [0.1, 0.2], "act": "gelu"}, {"w": [[0.7], [-0.4]], "b": [0.05], "act": "identity"}],
             "loss": "mse_half", "x": [[1.5]], "y": [[1]], "lr": 0.1}
            """;
        var run = CliRun.Of("explain", "--spec", files.File("gelu.json", spec));
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("A1 = Z1·Φ(Z1)", run.Stdout);
        Assert.Contains("Φ(z) = ½(1 + erf(z/√2))", run.Stdout);
        Assert.Contains("a1[0] = 0.85·Φ(0.85) = 0.681987", run.Stdout);    // z = 1.5·0.5 + 0.1; 0.85·Φ(0.85) = 0.6819868…
        Assert.Contains("dZ1 = dA1 ⊙ (Φ(Z1) + Z1 ⊙ φ(Z1))", run.Stdout);
        var paths = CliRun.Of("explain", "--spec", files.File("gelu2.json", spec), "--paths", "layer1.w[0,0]");
        Assert.Equal(0, paths.ExitCode);
        Assert.Contains("∂a1[0]/∂z1[0] = Φ(z) + z·φ(z)", paths.Stdout);
    }
}
