using System.Globalization;
using System.Text;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;

namespace Backprop.Tests.Diagnostics;

/// <summary>Specs made to hurt: thousands of layers, weights that overflow, too many parameters, too large, nested too deep.</summary>
[Collection(LearnerCommandsCollection.Name)]
public sealed class HostileSpecTests : TempDirTest
{
    // A chain of width-1 identity layers, each w = 1, b = 0: one path, every factor 1 but the first (x = 0.5) and the last.
    private static string Deep(int layers, string weight = "1")
    {
        var json = new StringBuilder("{\"layers\": [");
        for (int i = 0; i < layers; i++) json.Append(i == 0 ? "" : ",").Append($"{{\"w\": [[{weight}]], \"b\": [0], \"act\": \"identity\"}}");
        return json.Append("], \"loss\": \"mse_half\", \"x\": [[0.5]], \"y\": [[1]]}").ToString();
    }

    [Fact]
    public void TwentyThousandLayersHaveOneChainPathWithoutOverflowingTheStack()
    {
        var step = StepExplanation.Run(NetworkSpec.Parse(Deep(20_000), "deep.json"));
        var paths = ChainPaths.Find(step, "layer1.w[0,0]");
        var path = Assert.Single(paths.Paths);
        Assert.Equal(2 * 20_000 + 1, path.Factors.Count);
        Assert.Equal(paths.Autodiff, paths.Sum, 12);
        Assert.Equal(0.5 * (0.5 - 1), paths.Autodiff, 12);
    }

    [Fact]
    public void ChainPathsKeepTheRecursiveOrder()
    {
        const string json = """{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "tanh"}, {"w": [[1, 2], [3, 4]], "b": [0, 0], "act": "softmax"}], "loss": "mse_half", "x": [[0.3]], "y": [[1, 0]]}""";
        var paths = ChainPaths.Find(StepExplanation.Run(NetworkSpec.Parse(json)), "layer1.w[0,1]");
        Assert.Equal(4, paths.Paths.Count);
        Assert.Equal(["∂z2[0]/∂a1[1] = w2[1,0]", "∂z2[0]/∂a1[1] = w2[1,0]", "∂z2[1]/∂a1[1] = w2[1,1]", "∂z2[1]/∂a1[1] = w2[1,1]"], paths.Paths.Select(p => p.Factors[2].Label));
        Assert.Equal(["∂a2[0]/∂z2[0]", "∂a2[1]/∂z2[0]", "∂a2[0]/∂z2[1]", "∂a2[1]/∂z2[1]"], paths.Paths.Select(p => p.Factors[3].Label.Split(" = ")[0]));
        Assert.Equal(paths.Autodiff, paths.Sum, 12);
    }

    [Fact]
    public void ExplainRefusesAStepThatOverflowsInsteadOfReportingNaN()
    {
        var e = Assert.Throws<BackpropException>(() => StepExplanation.Run(NetworkSpec.Parse(Deep(2, "1e300"), "huge.json")));
        Assert.Equal("huge.json: layer 2's Z[0, 0] is infinity: the step overflows double, so autodiff cannot be checked against the hand formulas; use smaller weights, inputs or targets.", e.Message);
        string path = Dir.File("huge.json", Deep(2, "1e300"));
        CliRun.Of("explain", "--spec", path).AssertOneLineError($"{path}: layer 2's Z[0, 0] is infinity", 1);
    }

    [Fact]
    public void NumbersBeyondDoubleAreRefusedByField() =>
        Assert.Equal("spec: layers[0].w[0][0]: 1e400 is not a finite double.",
            Assert.Throws<BackpropException>(() => NetworkSpec.Parse(Deep(2, "1e400"))).Message);

    [Fact]
    public void GradCheckRefusesMoreParametersThanItsBudget()
    {
        int width = 400; // 400·400 + 400 weights in one layer
        string row = "[" + string.Join(",", Enumerable.Repeat("0.001", width)) + "]";
        string json = $"{{\"layers\": [{{\"w\": [{string.Join(",", Enumerable.Repeat(row, width))}], \"b\": {row}, \"act\": \"identity\"}}], \"loss\": \"mse_half\", \"x\": [{row}], \"y\": [{row}]}}";
        string path = Dir.File("wide.json", json);
        CliRun.Of("gradcheck", "--spec", path).AssertOneLineError(
            string.Create(CultureInfo.InvariantCulture, $"gradcheck: {width * width + width} parameters is more than the {Backprop.Diagnostics.GradCheck.MaxParameters} checked at most"), 2);
    }

    [Fact]
    public void UnpairedSurrogateInANameIsRefused() => // found by SpecFuzzTests: .NET's "Cannot read incomplete UTF-16 JSON text"
        Assert.Equal("spec: loss: \"\\ud800\" is not valid text (an unpaired surrogate escape).",
            Assert.Throws<BackpropException>(() => NetworkSpec.Parse("""{"layers": [{"w": [[1]], "b": [0], "act": "relu"}], "loss": "\ud800", "x": [[1]], "y": [[1]]}""")).Message);

    [Fact]
    public void UnpairedSurrogateInAKeyIsRefused() => // found by SpecFuzzTests: duplicate-key checking decodes every key
        Assert.Equal("spec: a key is not valid text (an unpaired surrogate escape such as \\ud800).",
            Assert.Throws<BackpropException>(() => NetworkSpec.Parse("""{"\ud800": 1, "layers": []}""")).Message);

    [Fact]
    public void SpecNestedTooDeepOrWithAKeyTwiceIsRefused()
    {
        string nested = "{\"layers\": " + new string('[', NetworkSpec.MaxDepth) + new string(']', NetworkSpec.MaxDepth) + "}";
        Assert.Contains($"nesting deeper than {NetworkSpec.MaxDepth}", Assert.Throws<BackpropException>(() => NetworkSpec.Parse(nested)).Message);
        // Modules inside modules nest as deep as that allows, each level named in errors; deeper is refused before any is built.
        string Residuals(int depth) => depth == 0 ? """{"type": "layer_norm", "config": {"features": 1}, "state": {"weight": [1], "bias": [0]}}""" : """{"type": "residual", "children": [""" + Residuals(depth - 1) + "]}";
        string spec = """{"layers": [""" + Residuals(9) + """], "loss": "mse_half", "x": [[1]], "y": [[1]]}""";
        Assert.NotNull(NetworkSpec.Parse(spec).Model);
        Assert.Contains("malformed JSON", Assert.Throws<BackpropException>(() => NetworkSpec.Parse(spec.Replace("[1]", "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]", StringComparison.Ordinal))).Message);
        Assert.Contains("malformed JSON", Assert.Throws<BackpropException>(() => NetworkSpec.Parse("{\"loss\": \"mse_half\", \"loss\": \"mse_mean\"}")).Message);
    }

    [Fact]
    public void SpecThatIsADirectoryOrPipeIsNamedSo()
    {
        CliRun.Of("explain", "--spec", Dir.Root).AssertOneLineError($"{Dir.Root}: is a directory, not a spec JSON file.", 1);
        string pipe = Dir.Path("pipe.json");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        CliRun.Of("gradcheck", "--spec", pipe).AssertOneLineError($"{pipe}: is a FIFO (named pipe), not a regular file", 1);
    }
}
