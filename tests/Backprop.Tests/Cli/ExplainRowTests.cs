using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Cli;

/// <summary><c>explain --model --data --row</c>: one row of a file through a model trained from it, checked against the engine.</summary>
public sealed class ExplainRowTests : TempDirTest
{
    private static readonly string[] Animals = ["cat", "dog", "emu"];

    // 30 rows a,b,c and a label (classification) or a price (regression), features far from centred so the scaler shows.
    private string Csv(bool regression, bool withTarget = true)
    {
        var text = new StringBuilder(withTarget ? (regression ? "a,b,c,price\n" : "a,b,c,label\n") : "a,b,c\n");
        for (int r = 0; r < 30; r++)
        {
            double a = 1 + 0.5 * (r % 7), b = 100 - 3.25 * (r % 5), c = 0.01 * r;
            string target = regression ? (20 + 3 * a - 0.1 * b + c).ToString("R", CultureInfo.InvariantCulture) : Animals[(r * 7 + (int)a) % 3];
            text.Append(CultureInfo.InvariantCulture, $"{a},{b},{c}").Append(withTarget ? "," + target : "").Append('\n');
        }
        return Dir.File((regression ? "prices" : "animals") + (withTarget ? "" : "-features") + ".csv", text.ToString());
    }

    private string Train(string csv, params string[] more)
    {
        string model = Dir.Path(Path.GetFileNameWithoutExtension(csv) + ".safetensors");
        var run = CliRun.Of(["train", "--data", csv, "--hidden", "4,3", "--activation", "tanh", "--epochs", "5", "--seed", "3", "--out", model, .. more]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return model;
    }

    // Row n (from 1) of the file as written: its features and its target cell.
    private static (double[] Features, string Target) RowOf(string csv, int n)
    {
        var cells = File.ReadAllLines(csv)[n].Split(',');
        return ([.. cells.Take(3).Select(c => double.Parse(c, CultureInfo.InvariantCulture))], cells[3]);
    }

    // The engine's gradients for that one row, independently: the saved network in double, its modules' forward, its loss, Backward().
    private static Dictionary<string, double[]> EngineGradients(string model, double[] raw, string target)
    {
        var network = Network<double>.Load(model);
        network.Model.Train(false);
        var x = network.Scaler!.Transform(Tensor<double>.FromArray(raw, 1, raw.Length));
        var y = network.Loss.IsClassification ? Tensor<double>.FromArray([network.ClassNames!.ToList().IndexOf(target)])
            : network.TargetScaler!.Transform(Tensor<double>.FromArray([double.Parse(target, CultureInfo.InvariantCulture)], 1, 1));
        network.Loss.Compute(network.Model.Forward(x), y).Backward();
        return network.Model.NamedParameters().ToDictionary(p => p.Name, p => p.Value.Grad!.ToArray());
    }

    private static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.Array
        ? [.. e.EnumerateArray().SelectMany(Flat)] : [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * (1 + Math.Abs(expected[i])), $"[{i}]: engine {expected[i]}, explain {actual[i]}");
    }

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 17)]
    public void EveryGradientPrintedIsTheEnginesForThatRow(bool regression, int n)
    {
        string csv = Csv(regression), model = Train(csv);
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", n.ToString(CultureInfo.InvariantCulture), "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        Assert.Equal(n, json.GetProperty("row").GetInt32());
        Assert.Equal(n + 1, json.GetProperty("line").GetInt32()); // the header is line 1
        var (raw, target) = RowOf(csv, n);
        var network = Network<double>.Load(model);
        var features = json.GetProperty("features");
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(raw[j], features[j].GetProperty("raw").GetDouble());
            Assert.Equal((raw[j] - network.Scaler!.Offsets[j]) / network.Scaler.Scales[j], features[j].GetProperty("scaled").GetDouble(), 12);
        }
        var engine = EngineGradients(model, raw, target);
        var grads = json.GetProperty("grads");
        Assert.Equal(3, grads.GetArrayLength());
        for (int l = 0; l < 3; l++)
        {
            AssertClose(engine[$"layer{l + 1}.w"], Flat(grads[l].GetProperty("w")));
            AssertClose(engine[$"layer{l + 1}.b"], Flat(grads[l].GetProperty("b")));
        }
        Assert.Contains(engine.Values.SelectMany(g => g), g => g != 0);
        if (!regression) return;
        var inUnits = network.Predict(Tensor<double>.FromArray(raw, 1, 3))[0, 0];
        Assert.Equal(inUnits, Flat(json.GetProperty("output_target_units"))[0], 10);
        Assert.Equal(double.Parse(target, CultureInfo.InvariantCulture), json.GetProperty("target").GetProperty("raw")[0].GetDouble());
    }

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 17)]
    public void BatchNormModelsShowEveryGradientIncludingGammaAndBetaAsTheEngines(bool regression, int n)
    {
        string csv = Csv(regression), model = Train(csv, "--batch-norm");
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", n.ToString(CultureInfo.InvariantCulture), "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var (raw, target) = RowOf(csv, n);
        var engine = EngineGradients(model, raw, target);
        var printed = new Dictionary<string, double[]>();
        foreach (var g in JsonDocument.Parse(run.Stdout).RootElement.GetProperty("grads").EnumerateArray())
        {
            int k = g.GetProperty("layer").GetInt32();
            printed[$"layer{k}.w"] = Flat(g.GetProperty("w"));
            printed[$"layer{k}.b"] = Flat(g.GetProperty("b"));
            if (g.GetProperty("batch_norm") is { ValueKind: JsonValueKind.Object } norm)
            {
                int o = norm.GetProperty("layer").GetInt32();
                printed[$"layer{o}.weight"] = Flat(norm.GetProperty("weight"));
                printed[$"layer{o}.bias"] = Flat(norm.GetProperty("bias"));
            }
        }
        Assert.Equal(["layer1.b", "layer1.w", "layer2.bias", "layer2.weight", "layer3.b", "layer3.w", "layer4.bias", "layer4.weight", "layer5.b", "layer5.w"], printed.Keys.Order());
        Assert.Equal(engine.Keys.Order(), printed.Keys.Order());
        foreach (var (name, g) in engine) AssertClose(g, printed[name]);
        Assert.Contains(engine["layer4.weight"], g => g != 0);

        var paths = CliRun.Of("explain", "--model", model, "--data", csv, "--row", n.ToString(CultureInfo.InvariantCulture), "--paths", "layer1.w[1,2]", "--format", "json");
        Assert.True(paths.ExitCode == 0, paths.Stderr);
        var found = JsonDocument.Parse(paths.Stdout).RootElement;
        Assert.Equal(engine["layer1.w"][1 * 4 + 2], found.GetProperty("sum").GetDouble(), 1e-12);
        Assert.Contains(found.GetProperty("paths")[0].GetProperty("factors").EnumerateArray(), f => f.GetProperty("label").GetString()!.StartsWith("∂z2[2]/∂z1[2] = γ2[2]/√(var2[2] + ε)", StringComparison.Ordinal));
    }

    [Fact]
    public void BatchNormIsAStepOfTheTextWalkThroughAndItsGammaHasPaths()
    {
        string csv = Csv(false), model = Train(csv, "--batch-norm");
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("(batchnorm tanh, batchnorm tanh, identity)", run.Stdout);
        Assert.Contains("X̂2 = (Z1 - μ2)/√(σ²2 + ε)", run.Stdout);
        Assert.Contains("x̂2[0] = (", run.Stdout);
        Assert.Contains("Z2 = γ2 ⊙ X̂2 + β2", run.Stdout);
        Assert.Contains("∂z2[0]/∂z1[0] = ", run.Stdout);
        Assert.Contains("A2 = tanh(Z2)", run.Stdout);
        Assert.Contains("dγ4[0] = ", run.Stdout);
        Assert.Contains("dβ2[3] = ", run.Stdout);
        Assert.Contains("dZ1 = dZ2 ⊙ ∂Z2/∂Z1", run.Stdout);
        Assert.Contains("Z3 = A2·W3 + b3", run.Stdout);
        Assert.Contains("autodiff = hand formulas", run.Stdout);

        var (raw, target) = RowOf(csv, 2);
        var engine = EngineGradients(model, raw, target);
        var paths = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "2", "--paths", "layer2.weight[1]");
        Assert.True(paths.ExitCode == 0, paths.Stderr);
        Assert.Contains("∂z2[1]/∂γ2[1] = x̂2[1]", paths.Stdout);
        Assert.Contains($"autodiff dγ2[1] = {Backprop.Cli.Common.Numbers.Short(engine["layer2.weight"][1])}", paths.Stdout);
    }

    [Fact]
    public void TextShowsRawAndScaledFeaturesTargetAndNoUpdate()
    {
        string csv = Csv(false), model = Train(csv);
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var (raw, target) = RowOf(csv, 2);
        Assert.Contains("row 2 of animals.csv (line 3)", run.Stdout);
        Assert.Contains("no update is applied", run.Stdout);
        Assert.DoesNotContain("Update", run.Stdout);
        Assert.Contains($"(a = {raw[0].ToString(CultureInfo.InvariantCulture)})", run.Stdout);
        Assert.Contains($"(b = {raw[1].ToString(CultureInfo.InvariantCulture)})", run.Stdout);
        Assert.Contains("x[0] = (1.5 - ", run.Stdout); // raw minus the scaler's offset, over its scale
        Assert.Contains($"({target}) is the target label)", run.Stdout);
        Assert.Contains("f'(z1[0]) = ", run.Stdout);
        Assert.Contains("autodiff = hand formulas", run.Stdout);
    }

    [Fact]
    public void RegressionTextShowsTheOutputInTargetUnits()
    {
        string csv = Csv(true), model = Train(csv);
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "6");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var (raw, target) = RowOf(csv, 6);
        double predicted = Network<double>.Load(model).Predict(Tensor<double>.FromArray(raw, 1, 3))[0, 0];
        var line = Assert.Single(run.StdoutLines, l => l.Contains("price in target units", StringComparison.Ordinal));
        Assert.Contains(predicted.ToString("G6", CultureInfo.InvariantCulture) + "   (price in target units)", line);
        Assert.Contains($"(the target price = {double.Parse(target, CultureInfo.InvariantCulture).ToString("G6", CultureInfo.InvariantCulture)} in its own units)", run.Stdout);
    }

    [Fact]
    public void PathsSumToTheEnginesGradient()
    {
        string csv = Csv(false), model = Train(csv);
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "9", "--paths", "layer1.w[1,2]", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var json = JsonDocument.Parse(run.Stdout).RootElement;
        var (raw, target) = RowOf(csv, 9);
        double engine = EngineGradients(model, raw, target)["layer1.w"][1 * 4 + 2];
        Assert.Equal(3 * 3, json.GetProperty("paths").GetArrayLength());
        Assert.Equal(engine, json.GetProperty("sum").GetDouble(), 12);
        Assert.Equal(engine, json.GetProperty("autodiff").GetDouble(), 12);
        Assert.NotEqual(0, engine);
    }

    [Fact]
    public void WithMissingMeanATargetMissingOnAnotherLineStillLeavesThisRowsTarget()
    {
        // Row 5 misses its target and row 7 a feature: mean imputation refuses the target column as a whole, but row 3's target is
        // there, so its backward pass is shown; row 5's is not, and the backward pass says why.
        string csv = Csv(false);
        var lines = File.ReadAllLines(csv);
        lines[5] = lines[5][..lines[5].LastIndexOf(',')] + ",?";
        lines[7] = "?" + lines[7][lines[7].IndexOf(',')..];
        File.WriteAllLines(csv, lines);
        string model = Train(csv, "--missing", "drop");
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "3", "--missing", "mean");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("dW1", run.Stdout);
        Assert.DoesNotContain("could not be read", run.Stdout);
        var missingTarget = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "5", "--missing", "mean");
        Assert.Contains("could not be read", Assert.Single(missingTarget.StdoutLines, l => l.StartsWith("Backward pass", StringComparison.Ordinal)));
    }

    [Fact]
    public void AFileWithoutTargetsShowsTheForwardPassAndSaysWhatTheBackwardNeeds()
    {
        string csv = Csv(false), model = Train(csv);
        string features = Csv(false, withTarget: false);
        var run = CliRun.Of("explain", "--model", model, "--data", features, "--row", "3");
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("Forward pass", run.Stdout);
        Assert.Contains("predicted class", run.Stdout);
        var backward = Assert.Single(run.StdoutLines, l => l.StartsWith("Backward pass", StringComparison.Ordinal));
        Assert.Contains("target column \"label\" could not be read", backward);
        Assert.Contains("give --target-value", backward);
        Assert.DoesNotContain("dW1", run.Stdout);

        var given = CliRun.Of("explain", "--model", model, "--data", features, "--row", "3", "--target-value", "emu", "--format", "json");
        Assert.True(given.ExitCode == 0, given.Stderr);
        var json = JsonDocument.Parse(given.Stdout).RootElement;
        Assert.Equal("emu", json.GetProperty("target").GetProperty("class").GetString());
        AssertClose(EngineGradients(model, RowOf(csv, 3).Features, "emu")["layer1.w"], Flat(json.GetProperty("grads")[0].GetProperty("w")));

        CliRun.Of("explain", "--model", model, "--data", features, "--row", "3", "--paths", "layer1.w[0,0]").AssertOneLineError("needs row 3 of animals-features.csv (line 4)'s target");
    }

    [Fact]
    public void BadRowsAndParametersAreOneLineErrors()
    {
        string csv = Csv(false), model = Train(csv);
        CliRun.Of("explain", "--model", model, "--data", csv, "--row", "31").AssertOneLineError("--row 31: animals.csv has 30 data rows (rows are counted from 1, the header not counted)", 2);
        CliRun.Of("explain", "--model", model, "--data", csv, "--row", "0").AssertOneLineError("--row must be a whole number of at least 1", 2);
        CliRun.Of("explain", "--model", model, "--data", csv).AssertOneLineError("--model needs --data FILE and --row N", 2);
        CliRun.Of("explain", "--model", model, "--data", csv, "--row", "1", "--paths", "w[0,0]")
            .AssertOneLineError("the parameters are layer1.w[0..2,0..3], layer1.b[0..3], layer2.w[0..3,0..2], layer2.b[0..2], layer3.w[0..2,0..2], layer3.b[0..2]", 2);
        CliRun.Of("explain", "--model", model, "--data", csv, "--row", "1", "--target-value", "yak").AssertOneLineError("'yak' is not a class; the classes are cat, dog, emu", 2);
    }

    [Fact]
    public void LargeGradientsAreSummarisedUnlessFull()
    {
        string csv = Csv(false), model = Dir.Path("wide.safetensors");
        Assert.Equal(0, CliRun.Of("train", "--data", csv, "--hidden", "40", "--epochs", "2", "--out", model).ExitCode);
        var run = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "1");
        Assert.Contains("dW2 = A1ᵀ·dZ2   [40×3: the 5 largest |entries| of 120; --full prints all, --paths one]", run.Stdout);
        Assert.Contains("(layer2.w[", run.Stdout);
        var full = CliRun.Of("explain", "--model", model, "--data", csv, "--row", "1", "--full");
        Assert.DoesNotContain("largest", full.Stdout);
        Assert.DoesNotContain("…", full.Stdout);
        Assert.True(full.StdoutLines.Length > run.StdoutLines.Length + 30);
    }
}
