namespace Backprop.Tests.Cli;

/// <summary>The training toolbox used all at once from the command line, on a built-in data set (issue 10's combined run).</summary>
public class CombinedToolboxTests
{
    [Fact]
    public void AdamDropoutBatchNormCosineWarmUpClippingWeightDecayAndPatienceTrainWine()
    {
        var run = BuiltInCommands.Train(["--data", "wine"], "--optimizer", "adam", "--weight-decay", "1e-4", "--dropout", "0.1", "--batch-norm",
            "--schedule", "cosine", "--warmup", "5", "--clip-norm", "1", "--patience", "15", "--validation", "0.2");
        Assert.Contains(", adam lr 0.001 weight_decay 0.0001, batch 32,", run.StdoutLines[0]);
        Assert.EndsWith("planned, init sklearn_uniform, schedule cosine (T_max 195, eta_min 0), 5 warm-up epochs, dropout 0.1, batch norm, clip norm 1", run.StdoutLines[0]);
        Assert.Contains(run.StdoutLines, line => line.StartsWith("stopped early after epoch ", StringComparison.Ordinal));
        Assert.True(run.TestMetric("acc") >= 0.9, run.StdoutLines[^1]);
    }

    [Theory]
    [InlineData("40 steps", "--batch-norm")]                                // 90 rows in batches of 32, the last partial batch left out: 2 steps × 20 epochs
    [InlineData("20 steps", "--optimizer=lbfgs", "--no-cycle-momentum")]    // one full-batch step per epoch; L-BFGS has no momentum to cycle
    [InlineData("60 steps", "--seed=1")]                                    // 3 steps × 20 epochs
    public void OneCycleLastsAsManyStepsAsTrainingTakes(string steps, params string[] options)
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Iris, [.. options, "--schedule", "onecycle", "--epochs", "20", "--patience", "0", "--validation", "0.2"]);
        Assert.Contains($"schedule onecycle (max_lr ", run.StdoutLines[0]);
        Assert.Contains($", {steps}, pct_start 0.3, momentum {(options.Contains("--no-cycle-momentum") ? "not cycled" : "0.95-0.85-0.95")})", run.StdoutLines[0]);
    }
}
