using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Registration;

/// <summary>
/// The initialiser of <see cref="UserExtensions"/> (<see cref="TruncatedNormal"/>, registered by the test assembly) reaches <see cref="Dense{T}"/>,
/// <see cref="Mlp.Create{T}"/>, <c>Network.For</c> and the CLI's <c>--init</c> by its registered name.
/// </summary>
public sealed class UserInitializerTests : TempDirTest
{
    private static readonly double Bound = 2 * 0.05;

    private static void AssertTruncated(Tensor<double> w)
    {
        Assert.All(w.Span.ToArray(), v => Assert.InRange(v, -Bound, Bound));
        Assert.Contains(w.Span.ToArray(), v => v != 0);
    }

    [Fact]
    public void ItIsFoundByNameWithItsOptions()
    {
        var init = Assert.IsType<TruncatedNormal>(Initializers.Parse("truncated_normal"));
        Assert.Equal(0.05, init.Std);
        Assert.Equal(0.2, Assert.IsType<TruncatedNormal>(Initializers.Registry.Create("truncated_normal", new() { ["std"] = 0.2 })).Std);
    }

    [Fact]
    public void DenseMlpAndNetworkForDrawTheirWeightsFromIt()
    {
        var init = Initializers.Parse("truncated_normal");
        AssertTruncated(new Dense<double>(30, 40, Activation.Relu, seed: 1, init: init).W);
        var mlp = Mlp.Create<double>([4, 16, 3], Activation.Relu, seed: 2, init: init);
        Assert.Equal(2, mlp.Layers.OfType<Dense<double>>().Count());
        foreach (var dense in mlp.Layers.OfType<Dense<double>>()) AssertTruncated(dense.W);
        var network = Network<double>.For(Backprop.Datasets.BuiltIn.Iris<double>().Data, init: init);
        Assert.All(network.Model.Layers.OfType<Dense<double>>(), d => AssertTruncated(d.W));
        Assert.Equal(new Dense<double>(30, 40, seed: 1, init: init).W.ToArray(), new Dense<double>(30, 40, seed: 1, init: Initializers.Parse("truncated_normal")).W.ToArray());
    }

    [Fact]
    public void ItAppearsInTrainHelpAndTrainsFromTheCli()
    {
        var help = CliRun.Of("train", "--help");
        Assert.Contains("truncated_normal", help.Stdout);
        string model = Dir.Path("init.safetensors");
        var run = CliRun.Of("train", "--data", "iris", "--hidden", "8", "--init", "truncated_normal", "--epochs", "3", "--seed", "4", "--out", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("init truncated_normal", run.StdoutLines[0]);
        string other = Dir.Path("sklearn.safetensors");
        Assert.Equal(0, CliRun.Of("train", "--data", "iris", "--hidden", "8", "--init", "sklearn_uniform", "--epochs", "3", "--seed", "4", "--out", other).ExitCode);
        Assert.NotEqual(File.ReadAllBytes(other), File.ReadAllBytes(model));
    }

    [Fact]
    public void AnUnknownInitIsRefusedListingTheRegisteredOnes()
    {
        var run = CliRun.Of("train", "--data", "iris", "--init", "xavier", "--epochs", "1");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("truncated_normal", run.Stderr);
    }
}
