using System.Globalization;
using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Cli;

/// <summary><c>explain --row</c> on a model of layer norms and residual blocks: each module's numbers through its explain face, checked against the engine.</summary>
public sealed class ExplainModulesTests : TempDirTest
{
    private string Train()
    {
        string model = Dir.Path("ln.safetensors");
        var run = CliRun.Of("train", "--data", "iris", "--hidden", "8,8", "--norm", "layer", "--residual", "--epochs", "5", "--seed", "2", "--out", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return model;
    }

    private static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.Array
        ? [.. e.EnumerateArray().SelectMany(Flat)] : [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 + 1e-9 * Math.Abs(expected[i]), $"[{i}]: {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public void LayerNormAndResidualShowTheirNumbersWhichAreTheEngines()
    {
        string model = Train();
        var run = CliRun.Of("explain", "--model", model, "--data", "iris", "--row", "3", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        var modules = root.GetProperty("modules").EnumerateArray().ToList();
        Assert.Contains(modules, m => m.GetProperty("module").GetString() == "LayerNorm(8)" && m.GetProperty("forward").EnumerateArray().Any(v => v.GetProperty("name").GetString() == "x̂"));
        Assert.Contains(modules, m => m.GetProperty("module").GetString()!.StartsWith("Residual(", StringComparison.Ordinal)
            && m.GetProperty("forward").EnumerateArray().Any(v => v.GetProperty("formula").GetString() == "y = x + f(x)"));

        // The printed output is predict's for that row.
        var network = Network<double>.Load(model);
        double[] raw = [.. root.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("raw").GetDouble())];
        AssertClose(network.Predict(Tensor<double>.FromArray(raw, 1, raw.Length)).ToArray(), Flat(root.GetProperty("output")));

        // Every printed parameter gradient is the engine's: the saved network's own forward, its loss, Backward().
        network.Model.Train(false);
        var x = network.Scaler!.Transform(Tensor<double>.FromArray(raw, 1, raw.Length));
        var y = Tensor<double>.FromArray([root.GetProperty("target").GetProperty("scaled")[0].GetDouble()]);
        var loss = network.Loss.Compute(network.Model.Forward(x), y);
        Assert.Equal(loss.Span[0], root.GetProperty("loss").GetDouble(), 12);
        loss.Backward();
        var grads = network.Model.NamedParameters().ToDictionary(p => p.Name, p => p.Value.Grad!.ToArray());
        var printed = modules.SelectMany(m => m.GetProperty("backward").EnumerateArray())
            .Where(v => v.TryGetProperty("parameter", out _)).ToDictionary(v => v.GetProperty("parameter").GetString()!, v => Flat(v.GetProperty("value")));
        Assert.Equal(grads.Keys.Order(), printed.Keys.Order());
        foreach (var (name, grad) in grads) AssertClose(grad, printed[name]);
        Assert.Contains("layer3.block.layer2.weight", printed.Keys); // the residual block's LayerNorm γ
    }

    [Fact]
    public void TextAndMarkdownShowTheModules()
    {
        string model = Train();
        foreach (var format in new[] { "text", "markdown" })
        {
            var run = CliRun.Of("explain", "--model", model, "--data", "iris", "--row", "3", "--format", format);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("LayerNorm(8)", run.Stdout);
            Assert.Contains("Backward pass (this row alone)", run.Stdout);
            Assert.Contains(format == "text" ? "y = x + f(x)" : @"\hat{x}", run.Stdout);
        }
    }

    // A module of the user's with no explain face: y = 2x through tensor ops.
    private sealed class Doubling : Module<double>
    {
        public override Tensor<double> Forward(Tensor<double> x) => x * 2.0;

        public override string ToString() => "Doubling";
    }

    [Fact]
    public void AModuleWithoutAFaceIsShownByItsName()
    {
        var model = new Sequential<double>(new Dense<double>(2, 3, Activation.Tanh, seed: 1), new Doubling(), new Dense<double>(3, 2, seed: 2));
        var network = new Network<double>(model, Loss.Parse("softmax_ce"));
        var row = RowExplanation.Run(network, [0.5, -1], [1]);
        var doubling = Assert.Single(row.Modules!, m => m.Module == "Doubling");
        Assert.Equal("Doubling: no explain face", doubling.Note);
        var before = row.Modules!.Single(m => m.Path == "layer1").Forward[^1].Value.ToArray();
        Assert.Equal(before.Select(v => 2 * v), doubling.Forward[0].Value.ToArray());
        var expected = network.Predict(Tensor<double>.FromArray([0.5, -1], 1, 2)).ToArray();
        Assert.Equal(expected, row.Output.ToArray());
    }

    [Theory]
    [InlineData("layer1.w[0,1]")]
    [InlineData("layer3.block.layer2.weight[0]")]
    public void PathsOfARowThroughLayerNormsAndResidualsSumToTheEnginesGradient(string parameter)
    {
        string model = Train();
        var run = CliRun.Of("explain", "--model", model, "--data", "iris", "--row", "3", "--paths", parameter, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var doc = JsonDocument.Parse(run.Stdout);
        double sum = doc.RootElement.GetProperty("sum").GetDouble(), autodiff = doc.RootElement.GetProperty("autodiff").GetDouble();
        Assert.True(Math.Abs(sum - autodiff) <= 1e-12 + 1e-8 * Math.Abs(autodiff), $"{sum} vs {autodiff}");
        Assert.Contains(doc.RootElement.GetProperty("legend").EnumerateArray(), l => l.GetString()!.Contains("Residual(", StringComparison.Ordinal));

        // The autodiff printed is the engine's own for that row.
        var row = JsonDocument.Parse(CliRun.Of("explain", "--model", model, "--data", "iris", "--row", "3", "--format", "json").Stdout).RootElement;
        var network = Network<double>.Load(model);
        network.Model.Train(false);
        double[] raw = [.. row.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("raw").GetDouble())];
        var x = network.Scaler!.Transform(Tensor<double>.FromArray(raw, 1, raw.Length));
        network.Loss.Compute(network.Model.Forward(x), Tensor<double>.FromArray([row.GetProperty("target").GetProperty("scaled")[0].GetDouble()])).Backward();
        string name = parameter[..parameter.IndexOf('[', StringComparison.Ordinal)];
        var p = network.Model.NamedParameters().Single(p => p.Name == name).Value;
        int flat = p.Rank == 1 ? int.Parse(parameter[(name.Length + 1)..^1], CultureInfo.InvariantCulture) : 1;
        Assert.Equal(p.Grad!.Span[flat], autodiff, 12);
    }
}
