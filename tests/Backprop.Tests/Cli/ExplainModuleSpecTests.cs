using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Diagnostics;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary><c>explain --spec</c> and <c>--paths</c> on specs of registered modules, in every format.</summary>
public sealed class ExplainModuleSpecTests : TempDirTest
{
    [Fact]
    public void TheWalkthroughShowsEachModulesForwardBackwardAndUpdate()
    {
        string spec = Dir.File("ln.json", ModuleSpecs.LayerNorm);
        var text = CliRun.Of("explain", "--spec", spec);
        Assert.True(text.ExitCode == 0, text.Stderr);
        foreach (var expected in new[] { "LayerNorm(3)", "x̂ = (x − mean(x))/√(var(x) + ε)", "dγ = Σ_rows dL/dy ⊙ x̂", "Update", "layer2.weight[0] ← 1.1 - 0.1·", "layer2.bias ← layer2.bias - λ·dL/dlayer2.bias" })
            Assert.Contains(expected, text.Stdout);
        var markdown = CliRun.Of("explain", "--spec", spec, "--format", "markdown");
        Assert.True(markdown.ExitCode == 0, markdown.Stderr);
        Assert.Contains(@"\hat{x}", markdown.Stdout);

        var json = CliRun.Of("explain", "--spec", spec, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var root = doc.RootElement;
        var parsed = NetworkSpec.Parse(ModuleSpecs.LayerNorm);
        var model = parsed.Model!;
        model.Eval();
        var loss = parsed.Loss.Compute(model.Forward(parsed.X), parsed.Y);
        Assert.Equal(loss.Item, root.GetProperty("loss").GetDouble());
        loss.Backward();
        foreach (var (name, value) in model.NamedParameters())
        {
            Assert.Equal(value.Grad!.ToArray(), Flat(root.GetProperty("grads").GetProperty(name)));
            Assert.Equal(value.ToArray().Zip(value.Grad!.ToArray(), (v, g) => v - 0.1 * g), Flat(root.GetProperty("updated").GetProperty(name)));
        }
        Assert.Contains(root.GetProperty("modules").EnumerateArray(), m => m.GetProperty("module").GetString() == "LayerNorm(3)");
    }

    [Theory]
    [InlineData("ln.json", ModuleSpecs.LayerNorm, "layer2.weight[2]")]
    [InlineData("res.json", ModuleSpecs.Residual, "layer1.w[1,0]")]
    public void PathsSumToTheAutodiffGradientInEveryFormat(string file, string content, string parameter)
    {
        string spec = Dir.File(file, content);
        var json = CliRun.Of("explain", "--spec", spec, "--paths", parameter, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        double sum = doc.RootElement.GetProperty("sum").GetDouble(), autodiff = doc.RootElement.GetProperty("autodiff").GetDouble();
        Assert.True(Math.Abs(sum - autodiff) <= 1e-14 + 1e-10 * Math.Abs(autodiff), $"{sum} vs {autodiff}");
        Assert.True(doc.RootElement.GetProperty("paths").GetArrayLength() > 1);
        var text = CliRun.Of("explain", "--spec", spec, "--paths", parameter);
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("each value is named by the module that gives it", text.Stdout);
        Assert.Contains($"autodiff dL/d{parameter}", text.Stdout);
        CliRun.Of("explain", "--spec", spec, "--paths", "layer9.w[0,0]").AssertOneLineError("the network has no parameter layer9.w; the parameters are layer1.w[0..1,0..2]", 2);
    }

    [Fact]
    public void GradcheckTakesASpecOfModules()
    {
        var run = CliRun.Of("gradcheck", "--spec", Dir.File("res.json", ModuleSpecs.Residual));
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        Assert.Contains("1 of 1 network within tolerance", run.Stdout);
    }

    // A registered module of the user's with no explain face: y = 2x through tensor ops.
    private sealed class Doubling : Module<double>
    {
        public override Tensor<double> Forward(Tensor<double> x) => x * 2.0;

        public override ModuleConfig Config => new DoublingConfig();

        public override string ToString() => "Doubling";
    }

    private sealed record DoublingConfig : ModuleConfig
    {
        public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) =>
            typeof(T) == typeof(double) ? (Module<T>)(object)new Doubling() : throw new NotSupportedException("double only");
    }

    [Fact]
    public void AModuleWithoutAFaceIsNamedAndTheStepStillRuns()
    {
        if (Layers.Registry.Find("doubling_test") is null) Layers.Register("doubling_test", new DoublingConfig());
        string spec = Dir.File("d.json", ModuleSpecs.LayerNorm.Replace("""{"type": "activation", "config": {"activation": "tanh"}},""", """{"type": "doubling_test"},""", StringComparison.Ordinal));
        var run = CliRun.Of("explain", "--spec", spec);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Doubling: no explain face", run.Stdout);
        Assert.Contains("layer3.w[2,1] ←", run.Stdout);
        var paths = CliRun.Of("explain", "--spec", spec, "--paths", "layer1.w[0,0]", "--format", "json");
        Assert.True(paths.ExitCode == 0, paths.Stderr);
        using var doc = JsonDocument.Parse(paths.Stdout);
        Assert.Equal(doc.RootElement.GetProperty("autodiff").GetDouble(), doc.RootElement.GetProperty("sum").GetDouble(), 12);
    }

    private static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.Array
        ? [.. e.EnumerateArray().SelectMany(Flat)] : [.. e.EnumerateArray().Select(v => v.GetDouble())];
}
