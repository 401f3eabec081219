using System.Text.Json.Nodes;
using Backprop.Data;
using Backprop.Datasets;
using Backprop.Diagnostics;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Onnx;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.Onnx;
using Backprop.Tests.Support;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Nn;

/// <summary>
/// LayerNorm and Residual, each one file plus one registration line, through every consumer of the module contract: gradients against
/// central finite differences, the plan against the graph, model files, info, ONNX Runtime, checkpoints and the CLI's --norm / --residual.
/// </summary>
public sealed class NormAndResidualTests : TempDirTest
{
    // 3 → Dense+tanh 5 → LayerNorm (γ, β moved off 1, 0) → Residual(Dense+tanh 5, LayerNorm without affine) → Dense 2
    private static Sequential<double> Model(ulong seed = 1)
    {
        var norm = new LayerNorm<double>(5, eps: 1e-3);
        var rng = new Rng(seed + 10);
        for (int i = 0; i < 5; i++) { norm.Weight.Span[i] = 0.5 + rng.NextDouble(); norm.Bias.Span[i] = rng.NextDouble() - 0.5; }
        return new Sequential<double>(new Dense<double>(3, 5, Activation.Tanh, seed), norm,
            new Residual<double>(new Sequential<double>(new Dense<double>(5, 5, Activation.Tanh, seed + 1), new LayerNorm<double>(5, elementwiseAffine: false))),
            new Dense<double>(5, 2, null, seed + 2));
    }

    private static Dataset<double> Data(int rows = 12)
    {
        var x = Tensor<double>.RandomNormal(5, 0, 1, rows, 3);
        var y = Tensor<double>.FromArray([.. Enumerable.Range(0, rows).Select(i => (double)(i % 2))], rows);
        return new Dataset<double>(x, y, classes: 2);
    }

    [Fact]
    public void LayerNormComputesPyTorchsFormulaPerRow()
    {
        var norm = new LayerNorm<double>(4, eps: 1e-5);
        norm.Weight.Span[1] = 2; norm.Bias.Span[2] = 0.5;
        double[] row = [1, 2, 4, 7];
        var y = norm.Forward(Tensor<double>.FromArray(row, 1, 4)).ToArray();
        double mean = row.Average(), variance = row.Sum(v => (v - mean) * (v - mean)) / 4; // biased
        for (int j = 0; j < 4; j++)
            Assert.Equal((row[j] - mean) / Math.Sqrt(variance + 1e-5) * (j == 1 ? 2 : 1) + (j == 2 ? 0.5 : 0), y[j], 12);
    }

    [Fact]
    public void GradientsMatchCentralFiniteDifferences()
    {
        var model = Model();
        var data = Data();
        var report = Backprop.Diagnostics.GradCheck.Run(model, new CrossEntropy(), data.X, data.Y);
        Assert.True(report.Passed, report.ToString());
        Assert.Contains(report.Entries, e => e.Name == "layer2.weight");          // LayerNorm's γ
        Assert.Contains(report.Entries, e => e.Name == "layer3.block.layer1.w");  // inside the residual block
    }

    [Fact]
    public void TheInputGradientThroughTheSkipMatchesFiniteDifferences()
    {
        var model = Model();
        var data = Data(4);
        var x = data.X;
        x.RequiresGrad = true;
        new CrossEntropy().Compute(model.Forward(x), data.Y).Backward();
        var analytic = x.Grad!.ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            double saved = x.Span[i];
            double Loss(double v) { x.Span[i] = v; using var _ = Backprop.Autograd.GradMode.NoGrad(); return new CrossEntropy().Compute(model.Forward(x), data.Y).Item; }
            double numeric = (Loss(saved + 1e-6) - Loss(saved - 1e-6)) / 2e-6;
            x.Span[i] = saved;
            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-7 * Math.Max(1, Math.Abs(numeric)), $"x[{i}]: {analytic[i]} vs {numeric}");
        }
    }

    [Fact]
    public void ThePlanTrainsAsTheGraphDoes()
    {
        Assert.True(LayerPlan<double>.CanPlan(Model()));
        PlanGraphTwins.TrainAlike(() => Model(), Data(32), new TrainOptions { Epochs = 3, BatchSize = 8, Seed = 2 });
    }

    [Fact]
    public void AResidualBlockThatChangesTheWidthIsRefusedByName()
    {
        var model = new Sequential<double>(new Residual<double>(new Dense<double>(3, 4)));
        var e = Assert.Throws<ArgumentException>(() => LayerPlan<double>.CanPlan(model));
        Assert.Contains("maps [N, 3] to [N, 4]", e.Message);
    }

    [Fact]
    public void SavesAndLoadsByItsModulesAndPredictsTheSameBits()
    {
        var model = Model();
        model.Eval();
        var path = Dir.Path("m.safetensors");
        ModelFile.Save(path, model, new Backprop.IO.ModelMetadata { Loss = "softmax_ce" });
        var loaded = ModelFile.Load<double>(path);
        Assert.Null(loaded.Metadata.Architecture); // not a stack of Dense layers: only the modules describe it
        Assert.Equal(["sequential"], [loaded.Metadata.Modules!.Type]);
        Assert.Equal(["dense", "layer_norm", "residual", "dense"], loaded.Metadata.Modules.Children.Select(c => c.Type));
        Assert.DoesNotContain(ModelFile.Inspect(path).File.Tensors, t => t.Name == "3.block.1.weight"); // the norm without affine stores no γ
        Assert.Contains(ModelFile.Inspect(path).File.Tensors, t => t.Name == "3.block.0.weight"); // Dense+tanh is two PyTorch modules: the residual is at 3
        var x = Data().X;
        Assert.Equal(model.Forward(x).ToArray(), loaded.Model.Forward(x).ToArray());
    }

    [Fact]
    public void AModuleListDescribingMoreValuesThanTheFileHoldsIsRefusedBeforeAllocating()
    {
        var spec = new ModuleSpec("sequential", [], [.. Enumerable.Range(0, 50).Select(_ => new ModuleSpec("dense", new JsonObject { ["inputs"] = 5000, ["outputs"] = 5000 }, []))]);
        var e = Assert.Throws<FormatException>(() => Layers.Build<float>(spec, maxValues: 1000));
        Assert.Contains("modules.children[0] (dense)", e.Message);
        Assert.Contains("unknown_layer", Assert.Throws<FormatException>(() => Layers.Build<float>(new ModuleSpec("unknown_layer", [], []))).Message);
        Assert.Contains("no option 'width'", Assert.Throws<FormatException>(() => Layers.Build<float>(new ModuleSpec("layer_norm", new JsonObject { ["width"] = 3 }, []))).Message);
    }

    [Fact]
    public void ExportsToOnnxThatOnnxRuntimeRunsAsThePrediction()
    {
        var data = BuiltIn.Iris<float>();
        var net = Network<float>.For(data, [8, 8], norm: "layer_norm", residual: true, seed: 3);
        Assert.Contains(net.Model.Layers, l => l is Residual<float>);
        net.Fit(data.Data, new TrainOptions { Epochs = 3, BatchSize = 16, Seed = 1 });
        using var session = new InferenceSession(OnnxExport.ToBytes(net));
        Assert.True(OrtRun.MaxDifference(session, net.Predict, data.Data.X) <= 2e-5);
    }

    private static readonly string[] Run = ["train", "--data", "iris", "--hidden", "8,8", "--norm", "layer", "--residual", "--dropout", "0.1", "--seed", "4", "--schedule", "step", "--step-size", "1"];

    [Fact]
    public void TheCliTrainsShowsAndResumesBitForBit()
    {
        var straight = CliRun.Of([.. Run, "--epochs", "4", "--out", Dir.Path("straight.safetensors")]);
        Assert.Equal(0, straight.ExitCode);
        Assert.Contains("layers 4-8-8-3", straight.Stdout);
        Assert.Contains("layer norm, residual", straight.Stdout);
        Assert.Equal(0, CliRun.Of([.. Run, "--epochs", "2", "--checkpoint-dir", Dir.Path("ck")]).ExitCode);
        var resumed = CliRun.Of("train", "--resume", Dir.Path("ck"), "--epochs", "4", "--out", Dir.Path("resumed.safetensors"));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(File.ReadAllBytes(Dir.Path("straight.safetensors")), File.ReadAllBytes(Dir.Path("resumed.safetensors")));
        var info = CliRun.Of("info", "--model", Dir.Path("straight.safetensors"));
        Assert.Contains("Residual(Sequential(Linear(8, 8), LayerNorm(8", info.Stdout);
        Assert.Contains("3.block.1.weight", info.Stdout);
        Assert.Contains("layer3.block.layer2.weight", info.Stdout);
        var predict = CliRun.Of("evaluate", "--model", Dir.Path("straight.safetensors"), "--data", "iris");
        Assert.Equal(0, predict.ExitCode);
    }

    [Fact]
    public void BatchNormIsStillTheSynonymAndTwoNormsAreRefused()
    {
        Assert.Equal(0, CliRun.Of([.. Run[..5], "--norm", "batch", "--batch-norm", "--epochs", "1"]).ExitCode);
        CliRun.Of([.. Run[..5], "--norm", "layer", "--batch-norm", "--epochs", "1"]).AssertOneLineError("two normalisations", 2);
        CliRun.Of([.. Run[..5], "--norm", "group", "--epochs", "1"]).AssertOneLineError("--norm takes batch or layer", 2);
    }
}
