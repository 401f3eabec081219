using System.Globalization;
using Backprop.IO;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Cli;
using Backprop.Tests.Onnx;
using Backprop.Tests.Support;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Registration;

/// <summary>
/// The loss, optimizer and schedule of <see cref="UserExtensions"/> (defined here, registered by the test) reach <c>train --help</c>, train from
/// the CLI, save, load by name, show in <c>info</c>, resume from a checkpoint by registered name, and (the loss) export to ONNX.
/// </summary>
public sealed class UserExtensionTests : TempDirTest
{
    [Fact]
    public void TheUsersLossWalksThroughExplainWithoutABuiltInsFormula()
    {
        // a tanh layer, then logits into the user's label-smoothed cross-entropy: it declares softmax as its output activation, no δ form
        string spec = Dir.Path("smooth.json");
        File.WriteAllText(spec, """
            {"layers": [{"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0.01, 0.02, 0.03], "act": "tanh"},
                        {"w": [[0.3, -0.1], [0.2, 0.2], [-0.5, 0.4]], "b": [0, 0.1], "act": "identity"}],
             "loss": "smoothed_ce", "x": [[1, 2]], "y": [1]}
            """);
        var run = CliRun.Of("explain", "--spec", spec);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("no hand formula for smoothed_ce: autodiff alone", run.Stdout);
        Assert.Contains("L = smoothed_ce(P, Y)", run.Stdout);           // not a built-in loss's formula
        Assert.Contains("the gradient of smoothed_ce at the output", run.Stdout);
        Assert.DoesNotContain("dZ2 = P - Y", run.Stdout);               // softmax_ce's δ would be wrong for a smoothed loss
        File.WriteAllText(Dir.Path("ce.json"), File.ReadAllText(spec).Replace("smoothed_ce", "softmax_ce"));
        var builtIn = CliRun.Of("explain", "--spec", Dir.Path("ce.json"));
        Assert.Contains("autodiff = hand formulas", builtIn.Stdout);
        Assert.Contains("dZ2 = P - Y", builtIn.Stdout);
    }

    private static readonly string[] Run =
        ["train", "--data", "iris", "--hidden", "8", "--loss", "smoothed_ce", "--optimizer", "sign_momentum", "--lr", "0.01", "--momentum", "0.8",
         "--schedule", "test_decay", "--seed", "3"];

    [Fact]
    public void TheyAppearInTrainHelp()
    {
        var help = CliRun.Of("train", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var name in new[] { "smoothed_ce", "sign_momentum", "test_decay" }) Assert.Contains(name, help.Stdout);
    }

    [Fact]
    public void TheyTrainSaveLoadShowInInfoAndExportToOnnx()
    {
        string model = Dir.Path("user.safetensors"), onnx = Dir.Path("user.onnx");
        var run = CliRun.Of([.. Run, "--epochs", "3", "--out", model]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Contains("loss smoothed_ce", run.StdoutLines[0]);
        Assert.Contains("sign_momentum lr 0.01", run.StdoutLines[0]);
        Assert.Contains("schedule test_decay", run.StdoutLines[0]);

        var loaded = Network<float>.Load(model);
        Assert.Equal(0.1, Assert.IsType<SmoothedCrossEntropy>(loaded.Loss).Smoothing);
        var info = CliRun.Of("info", "--model", model);
        Assert.True(info.ExitCode == 0, info.Stderr);
        Assert.Contains("smoothed_ce", info.Stdout);

        var export = CliRun.Of("export", "--model", model, "--onnx", onnx);
        Assert.True(export.ExitCode == 0, export.Stderr);
        var iris = Backprop.Datasets.BuiltIn.Iris<float>().Data.X;
        using var session = new InferenceSession(onnx);
        double worst = OrtRun.MaxDifference(session, x => loaded.Predict(x), iris);
        Assert.True(worst <= 2e-5, $"ONNX Runtime differs from predict by {worst}");
        var (probabilities, _) = OrtRun.Output(session, iris, 1);
        Assert.Equal(1, probabilities.Sum(), 1e-5); // the declared Softmax is in the graph
    }

    [Fact]
    public void ARunResumesFromACheckpointThatNamesThemByRegisteredName()
    {
        var straight = CliRun.Of([.. Run, "--epochs", "4", "--out", Dir.Path("straight.safetensors")]);
        Assert.True(straight.ExitCode == 0, straight.Stderr);
        var first = CliRun.Of([.. Run, "--epochs", "2", "--checkpoint-dir", Dir.Path("ck")]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        var saved = SafetensorsFile.Read(CheckpointDirectory.Files(Dir.Path("ck"))[^1], finiteValues: false).Metadata;
        Assert.Contains(saved, m => m.Key.StartsWith("callback.", StringComparison.Ordinal) && m.Value == "test_decay");
        Assert.DoesNotContain(saved.Values, v => v.Contains(nameof(TestDecay), StringComparison.Ordinal));
        var resumed = CliRun.Of("train", "--resume", Dir.Path("ck"), "--epochs", "4", "--out", Dir.Path("resumed.safetensors"));
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("epoch 3/4", resumed.Stdout);
        Assert.Equal(File.ReadAllBytes(Dir.Path("straight.safetensors")), File.ReadAllBytes(Dir.Path("resumed.safetensors")));
    }

    [Fact]
    public void ACheckpointNamingCallbacksByClrTypeIsRefusedSayingWhy()
    {
        Assert.Equal(0, CliRun.Of([.. Run, "--epochs", "1", "--patience", "3", "--checkpoint-dir", Dir.Path("ck")]).ExitCode);
        string path = CheckpointDirectory.Files(Dir.Path("ck"))[^1];
        var file = SafetensorsFile.Read(path, finiteValues: false);
        var meta = file.Metadata.ToDictionary(m => m.Key, m => m.Value is "early_stopping" ? "EarlyStopping" : m.Value is "test_decay" ? "TestDecay" : m.Value);
        var old = file with { Metadata = meta };
        meta["checksum"] = (string)typeof(Checkpoint).GetMethod("Checksum", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.Invoke(null, [old])!;
        using (var stream = File.Create(path)) old.Write(stream);
        var resumed = CliRun.Of("train", "--resume", Dir.Path("ck"), "--epochs", "2");
        Assert.NotEqual(0, resumed.ExitCode);
        Assert.Contains("names its schedules and watchers by CLR type ([EarlyStopping, TestDecay])", resumed.Stderr);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)] // whole vectors of every width and a scalar tail
    public void AUserRuleRunsOnTheVectorisedLoopAsItsFormulaSays(int n)
    {
        var w = Tensor<double>.FromArray([.. Enumerable.Range(0, n).Select(i => Math.Sin(i + 1))], n);
        w.RequiresGrad = true;
        var optimizer = new SignMomentumOptions { LearningRate = 0.1, Momentum = 0.5 }.Create([w]);
        double[] theta = w.ToArray(), m = new double[n];
        for (int step = 1; step <= 3; step++)
        {
            w.Grad = Tensor<double>.FromArray([.. Enumerable.Range(0, n).Select(i => Math.Cos(i * step) - 0.3)], n);
            optimizer.Step();
            for (int i = 0; i < n; i++)
            {
                m[i] = 0.5 * m[i] + 0.5 * w.Grad.Span[i];
                theta[i] -= 0.1 * (m[i] >= 0 ? 1 : -1);
            }
            Assert.Equal(theta, w.ToArray());
        }
        Assert.Equal(m, optimizer.State().Buffers["momentum_buffer"][0]);
    }

    [Fact]
    public void TheRegistriesFindThemByNameAndAlias()
    {
        Assert.IsType<SmoothedCrossEntropy>(Loss.Parse("label_smoothing_ce"));
        Assert.Equal(0.25, ((SmoothedCrossEntropy)Losses.Registry.Create("smoothed_ce", new() { ["smoothing"] = 0.25 })).Smoothing);
        Assert.Equal("sign_momentum", Optimizers.Defaults("sign_momentum").Name);
        Assert.Equal(0.3, ((SignMomentumOptions)Optimizers.Defaults("sign_momentum").With("momentum", 0.3)).Momentum);
        Assert.Contains("test_decay", Backprop.Training.Schedules.Schedules.Registry.Names);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{0.8 * 0.8:R}"),
            string.Create(CultureInfo.InvariantCulture, $"{new TestDecay().RateAt(2, 1):R}"));
    }
}
