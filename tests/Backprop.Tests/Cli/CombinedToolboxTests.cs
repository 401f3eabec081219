namespace Backprop.Tests.Cli;

/// <summary>The training toolbox used all at once from the command line, on a built-in data set (issue 10's combined run).</summary>
public class CombinedToolboxTests
{
    [Fact]
    public void AdamDropoutBatchNormCosineWarmUpClippingWeightDecayAndPatienceTrainWine()
    {
        var run = BuiltInCommands.Train(["--data", "wine"], "--optimizer", "adam", "--weight-decay", "1e-4", "--dropout", "0.1", "--batch-norm",
            "--schedule", "cosine", "--warmup", "5", "--clip-norm", "1", "--patience", "15");
        Assert.Contains(", adam lr 0.001 weight_decay 0.0001, batch 32,", run.StdoutLines[0]);
        Assert.EndsWith("planned, schedule cosine (T_max 195, eta_min 0), 5 warm-up epochs, dropout 0.1, batch norm, clip norm 1", run.StdoutLines[0]);
        Assert.Contains(run.StdoutLines, line => line.StartsWith("stopped early after epoch ", StringComparison.Ordinal));
        Assert.True(run.TestMetric("acc") >= 0.9, run.StdoutLines[^1]);
    }
}
