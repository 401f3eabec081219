using System.Globalization;
using System.Text.RegularExpressions;

namespace Backprop.Tests.Cli;

public class TrainCommandTests
{
    [Fact]
    public void DefaultRunLearnsSpiralsToNinetyEightPercent()
    {
        var run = CliRun.Of("train");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.StdoutLines;
        Assert.Equal("train spirals: 630 train / 135 validation / 135 test examples (held-out rows); layers 2-32-32-3, activation relu, loss softmax_ce, " +
            "sgd lr 0.2, batch 32, 200 epochs, scale none, seed 1, planned", lines[0]);
        Assert.Equal(200 + 2, lines.Length);
        Assert.All(lines[1..^1], line => Assert.Matches(
            @"^epoch +\d+/200  loss +\d+\.\d{4}  val_loss +\d+\.\d{4}  acc \d\.\d{4}  val_acc \d\.\d{4} +\d+ samples/s$", line));
        Assert.Matches(@"^test  acc \d\.\d{4}  macro_f1 \d\.\d{4}  balanced_acc \d\.\d{4}  loss \d+\.\d{4}  \(135 examples: held-out rows\)  elapsed \d+\.\d\d s$", lines[^1]);
        Assert.True(run.TestMetric("acc") >= 0.98, lines[^1]);
    }

    [Fact]
    public void XorDefaultsReachFullAccuracy()
    {
        var run = CliRun.Of("train", "--data", "xor");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(30 + 2, run.StdoutLines.Length);
        Assert.Equal(1.0, run.TestMetric("acc"));
    }

    [Theory]
    [InlineData("moons")]
    [InlineData("circles")]
    public void TwoClassDataLearnsInThirtyEpochs(string data)
    {
        var run = CliRun.Of("train", "--data", data, "--epochs", "30");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("layers 2-16-16-2", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.95, run.StdoutLines[^1]);
    }

    [Fact]
    public void BinaryCrossEntropyDefaultsToOneOutput()
    {
        var run = CliRun.Of("train", "--data", "moons", "--loss", "bce_logits", "--epochs", "30");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("layers 2-16-16-1", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.9, run.StdoutLines[^1]);
    }

    [Fact]
    public void SineRegressionReportsRSquared()
    {
        var run = CliRun.Of("train", "--data", "sine", "--epochs", "30");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("loss mse_half", run.StdoutLines[0]);
        Assert.All(run.StdoutLines[1..^1], line => Assert.Matches(@"^epoch +\d+/30  loss +\d\.\d{4}  val_loss +\d\.\d{4}  val_r2 +-?\d\.\d{4} +\d+ samples/s$", line));
        Assert.True(run.TestMetric("r2") >= 0.9, run.StdoutLines[^1]);
        Assert.True(run.TestMetric("mse") < 0.05, run.StdoutLines[^1]);
    }

    [Fact]
    public void OptionsOverrideTheDefaults()
    {
        var run = CliRun.Of("train", "--layers", "2-16-3", "--activation", "leaky_relu:0.1", "--lr", "0.3", "--batch-size", "64", "--epochs", "3", "--seed", "7");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("train spirals: 630 train / 135 validation / 135 test examples (held-out rows); layers 2-16-3, activation leaky_relu:0.1, loss softmax_ce, sgd lr 0.3, batch 64, 3 epochs, scale none, seed 7, planned",
            run.StdoutLines[0]);
        Assert.Equal(3 + 2, run.StdoutLines.Length);
    }

    [Fact]
    public void SameSeedGivesTheSameRun()
    {
        static string WithoutTimes(CliRun run) => Regex.Replace(run.Stdout, @" +\d+ samples/s|elapsed \S+ s", "");
        var a = CliRun.Of("train", "--data", "xor", "--epochs", "5", "--seed", "3");
        var b = CliRun.Of("train", "--data", "xor", "--epochs", "5", "--seed", "3");
        Assert.Equal(WithoutTimes(a), WithoutTimes(b));
    }

    [Fact]
    public void OutputIgnoresTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var run = CliRun.Of("train", "--data", "xor", "--epochs", "2", "--lr", "0.5");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("lr 0.5,", run.StdoutLines[0]);
            Assert.DoesNotContain(',', string.Join("\n", run.StdoutLines[1..]));
        }
        finally { CultureInfo.CurrentCulture = saved; }
    }
}
