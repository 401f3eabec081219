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
}
