namespace Backprop.Tests.Cli;

/// <summary><c>--optimizer lbfgs</c> from the command line (spirals is covered with every optimizer in <see cref="OptimizerOptionTests"/>).</summary>
public class LbfgsCliTests
{
    [Fact]
    public void LbfgsTrainsIrisFullBatchWithEarlyStopping()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Iris, "--optimizer", "lbfgs");
        Assert.Contains(", lbfgs lr 1, ", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.85, run.StdoutLines[^1]);
    }

    [Fact]
    public void HelpSaysLbfgsIgnoresTheBatchSize()
    {
        var help = CliRun.Of("train", "--help").Stdout;
        Assert.Contains("ignored by lbfgs, which trains full batch", help);
        Assert.Contains("lbfgs: full batch, strong-Wolfe line search", help);
    }

    [Fact]
    public void MaxIterAndHistorySizeReachTheOptimizer()
    {
        var few = BuiltInCommands.Train(BuiltInCommands.Iris, "--optimizer", "lbfgs", "--max-iter", "1", "--epochs", "3", "--patience", "0");
        var many = BuiltInCommands.Train(BuiltInCommands.Iris, "--optimizer", "lbfgs", "--max-iter", "20", "--history-size", "5", "--epochs", "3", "--patience", "0");
        Assert.Contains(", lbfgs lr 1 max_iter 1, ", few.StdoutLines[0]);
        Assert.Contains(", lbfgs lr 1 max_iter 20 history_size 5, ", many.StdoutLines[0]);
        // The third epoch's training loss (measured before its step) is lower after two steps of 20 iterations than of 1.
        static double ThirdEpochLoss(CliRun run)
        {
            var words = run.StdoutLines.Single(l => l.StartsWith("epoch 3/3", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return double.Parse(words[Array.IndexOf(words, "loss") + 1], System.Globalization.CultureInfo.InvariantCulture);
        }
        Assert.True(ThirdEpochLoss(many) < ThirdEpochLoss(few), $"{ThirdEpochLoss(many)} vs {ThirdEpochLoss(few)}");
        // the history size alone changes the steps too (of 4 iterations: 20 fit iris to a training loss that prints as 0)
        var longMemory = BuiltInCommands.Train(BuiltInCommands.Iris, "--optimizer", "lbfgs", "--max-iter", "4", "--history-size", "5", "--epochs", "3", "--patience", "0");
        var shortMemory = BuiltInCommands.Train(BuiltInCommands.Iris, "--optimizer", "lbfgs", "--max-iter", "4", "--history-size", "1", "--epochs", "3", "--patience", "0");
        Assert.NotEqual(ThirdEpochLoss(longMemory), ThirdEpochLoss(shortMemory));
    }

    [Fact]
    public void MaxIterMustBeAWholeNumberAndLbfgsOnly()
    {
        CliRun.Of("train", "--data", "iris", "--optimizer", "lbfgs", "--max-iter", "2.5").AssertOneLineError("--optimizer lbfgs: Lbfgs: max_iter must be a whole number ≥ 0; got 2.5.", 2);
        CliRun.Of("train", "--data", "iris", "--optimizer", "sgd", "--max-iter", "5").AssertOneLineError("--max-iter does not apply to --optimizer sgd; it takes --lr, --momentum, --weight-decay", 2);
    }

    [Theory]
    [InlineData("--l1", "1e-4")]
    [InlineData("--clip-norm", "1")]
    [InlineData("--clip-value", "1")]
    [InlineData("--dropout", "0.2")]
    [InlineData("--batch-norm", null)]
    public void LbfgsRefusesPenaltiesClippingAndDropoutAsUsageErrors(string option, string? value) =>
        CliRun.Of(["train", "--data", "iris", "--optimizer", "lbfgs", option, .. value is null ? Array.Empty<string>() : [value]])
            .AssertOneLineError("--optimizer lbfgs: Lbfgs takes no L1 penalty, gradient clipping, dropout or batch norm", 2);
}
