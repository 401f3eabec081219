namespace Backprop.Tests.Cli;

/// <summary>
/// Each built-in data set trained through the CLI with its documented options and the default settings, against the accuracy (or R²)
/// the guide quotes. The small sets run in full; optdigits, letter and MNIST run short here (thresholds measured on seed 1:
/// optdigits 30 epochs 0.962, letter 20 epochs 0.881, MNIST 5 epochs 0.946) and in full with BACKPROP_FULL_TESTS=1.
/// </summary>
public class BuiltInTrainTests
{
    [Fact]
    public void Iris()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Iris);
        Assert.StartsWith("train iris: 120 train / 0 validation / 30 test examples (held-out rows); layers 4-64-3, activation relu, loss softmax_ce, adam lr 0.001 weight_decay 0.0001, batch 32, 200 epochs (patience 10), scale standard, seed 1, planned, init sklearn_uniform, schedule cosine (T_max 200, eta_min 0), monitor loss (min delta 0.0001)", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.93, run.StdoutLines[^1]);
    }

    [Fact]
    public void Wine() => Assert.True(BuiltInCommands.Train(BuiltInCommands.Wine).TestMetric("acc") >= 0.94);

    [Fact]
    public void BreastCancerWisconsin()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Wdbc);
        Assert.Contains("layers 30-64-2", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.95, run.StdoutLines[^1]);
    }

    [Theory]
    [InlineData("drop", "78 examples")]
    [InlineData("mean", "80 examples")]
    public void AutoMpgDropsOrFillsMissingHorsepower(string missing, string testRows)
    {
        var run = BuiltInCommands.Train(BuiltInCommands.AutoMpg(missing));
        Assert.Contains("layers 7-64-1, activation relu, loss mse_mean", run.StdoutLines[0]);
        Assert.Contains(testRows, run.StdoutLines[^1]);
        Assert.True(run.TestMetric("r2") >= 0.80, run.StdoutLines[^1]);
    }

    [Fact]
    public void WineQualityRedAsRegression()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.WineQuality);
        Assert.Contains("layers 11-64-1", run.StdoutLines[0]);
        Assert.True(run.TestMetric("r2") >= 0.30, run.StdoutLines[^1]);
    }

    [Fact]
    public void OptdigitsShort()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Optdigits, "--epochs", "30");
        Assert.StartsWith("train optdigits: 3823 train / 0 validation / 1797 test examples (optdigits.tes)", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.94, run.StdoutLines[^1]);
    }

    [Fact]
    public void LetterShort()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Letter, "--epochs", "20");
        Assert.StartsWith("train letters: 16000 train / 0 validation / 4000 test examples (the last 4000 rows); layers 16-64-26", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.86, run.StdoutLines[^1]);
    }

    [Fact]
    public void MnistShort()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Mnist, "--epochs", "5");
        Assert.StartsWith("train mnist: 8000 train / 0 validation / 2000 test examples (the last 2000 rows); layers 784-64-10", run.StdoutLines[0]);
        Assert.Contains("scale none", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.92, run.StdoutLines[^1]);
    }

    [FullFact]
    public void OptdigitsFull() => Assert.True(BuiltInCommands.Train(BuiltInCommands.Optdigits).TestMetric("acc") >= 0.95);

    [FullFact]
    public void LetterFull() => Assert.True(BuiltInCommands.Train(BuiltInCommands.Letter).TestMetric("acc") >= 0.93);

    [FullFact]
    public void MnistFull() => Assert.True(BuiltInCommands.Train(BuiltInCommands.Mnist).TestMetric("acc") >= 0.93);
}
