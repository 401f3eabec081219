using Backprop.Cli;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>The train options for data files: how they combine, and the one-line usage errors (exit code 2) when they do not fit.</summary>
public class TrainOptionTests
{
    private static string Iris => RepoData.Path("iris/iris.data");

    [Theory]
    [InlineData("--target describes a data file's columns; --data spirals is a generated set and has none", "--target", "0")]
    [InlineData("--task describes a data file's columns; --data moons is a generated set and has none", "--data", "moons", "--task", "regression")]
    [InlineData("--separator describes a data file's columns; --data xor is a generated set and has none", "--data", "xor", "--separator", ";")]
    [InlineData("--header describes a data file's columns; --data circles is a generated set and has none", "--data", "circles", "--header")]
    [InlineData("--no-header describes a data file's columns; --data spirals is a generated set and has none", "--no-header")]
    [InlineData("--drop describes a data file's columns; --data sine is a generated set and has none", "--data", "sine", "--drop", "0")]
    [InlineData("--missing describes a data file's columns; --data spirals is a generated set and has none", "--missing", "mean")]
    [InlineData("--test takes a data file with the training data's columns; --data moons is a generated set and has none", "--data", "moons", "--test", "t.csv")]
    [InlineData("--plot-boundary draws the classes of two features; sine has 1 feature(s) and a numeric target", "--data", "sine", "--plot-boundary", "b.png")]
    [InlineData("--layers and --hidden both give the hidden layers", "--layers", "2-8-3", "--hidden", "8")]
    [InlineData("--header and --no-header contradict each other", "--header", "--no-header")]
    [InlineData("got nosuchset, which is not a file either", "--data", "nosuchset")]
    [InlineData("--target describes a data file's columns; MNIST (--data mnist) has none", "--data", "mnist", "--target", "0")]
    [InlineData("mnist: needs a directory", "--data", "mnist:")]
    [InlineData("--target describes a data file's columns; MNIST", "--data", "mnist:.", "--target", "0")]
    [InlineData("--hidden: 'x' in 8,x is not a size", "--hidden", "8,x")]
    [InlineData("--optimizer must be one of sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, lbfgs, sign_momentum; got lbfgs2", "--optimizer", "lbfgs2")]
    [InlineData("--scale must be one of standard, minmax, none, maxabs; got robust", "--scale", "robust")] // maxabs: the test assembly's scaler
    [InlineData("--missing must be one of error, drop, mean; got zero", "--missing", "zero")]
    [InlineData("--validation must be a fraction from 0 up to (not including) 1", "--validation", "1")]
    [InlineData("--task must be one of classification, regression, multilabel; got ranking", "--task", "ranking")]
    public void GeneratedDataAndMalformedOptions(string message, params string[] args) => AssertUsage(message, ["train", .. args]);

    [Theory]
    [InlineData("--test, --test-last and --test-fraction each choose the test rows; give one", "--test-last", "10", "--test-fraction", "0.1")]
    [InlineData("--validation 0.5 and --test-fraction 0.5 leave no training rows", "--validation", "0.5", "--test-fraction", "0.5")]
    [InlineData("--test-last 150 leaves no training rows: iris.data has 150 rows", "--test-last", "150")]
    [InlineData("--layers 5-8-3: the input size must be 4, the number of features of iris.data; got 5", "--layers", "5-8-3")]
    [InlineData("--layers 4-8-2: the output size must be 3 for iris.data with loss softmax_ce (one logit per class, 3 classes); got 2", "--layers", "4-8-2")]
    [InlineData("--loss mse_mean is a regression loss, but iris.data has 3 classes (classification); use softmax_ce, or --task regression", "--loss", "mse_mean")]
    [InlineData("--loss bce_logits needs two classes, but iris.data has 3", "--loss", "bce_logits")]
    [InlineData("--plot-boundary draws the classes of two features; iris.data has 4 feature(s)", "--plot-boundary", "b.png")]
    [InlineData("--patience needs validation rows to watch; --validation is 0", "--validation", "0", "--patience", "5", "--monitor", "val_loss")]
    public void SettingsThatDoNotFitTheFile(string message, params string[] args) => AssertUsage(message, ["train", "--data", Iris, .. args]);

    [Fact]
    public void LayersHiddenOptimizerAndSplitsAreUsed()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Iris, "--layers", "4-16-8-3", "--optimizer", "adam", "--lr", "0.005", "--epochs", "3",
            "--validation", "0.1", "--test-fraction", "0.3", "--scale", "minmax", "--seed", "7", "--patience", "0");
        Assert.Equal("train iris: 90 train / 15 validation / 45 test examples (held-out rows); layers 4-16-8-3, activation relu, loss softmax_ce, adam lr 0.005 weight_decay 0.0001, batch 32, 3 epochs, scale minmax, seed 7, planned, init sklearn_uniform, schedule cosine (T_max 3, eta_min 0)",
            run.StdoutLines[0]);
        Assert.Equal(3 + 2, run.StdoutLines.Length);
        Assert.Matches(@"^epoch 1/3  loss +\d\.\d{4}  val_loss +\d\.\d{4}  acc \d\.\d{4}  val_acc \d\.\d{4} +\d+ samples/s$", run.StdoutLines[1]);
    }

    [Fact]
    public void TaskCanBeForcedAndTheTargetNamedByHeader()
    {
        var run = BuiltInCommands.Train(["--data", RepoData.Path("wine-quality/winequality-red.csv"), "--target", "quality"], "--epochs", "2");
        Assert.Contains("layers 11-64-6", run.StdoutLines[0]); // inferred: 6 integer classes
        var regression = BuiltInCommands.Train(BuiltInCommands.WineQuality, "--epochs", "2", "--patience", "0", "--validation", "0.2");
        Assert.Contains("layers 11-64-1", regression.StdoutLines[0]);
        Assert.Matches(@"^epoch 1/2  loss +\d\.\d{4}  val_loss +\d\.\d{4}  val_r2 +-?\d\.\d{4} +\d+ samples/s$", regression.StdoutLines[1]);
    }

    [Fact]
    public void WithoutValidationRowsEarlyStoppingWatchesTheTrainingLoss()
    {
        var run = BuiltInCommands.Train(BuiltInCommands.Iris, "--validation", "0", "--epochs", "2");
        Assert.Contains("120 train / 0 validation / 30 test", run.StdoutLines[0]);
        Assert.Contains("(patience 10)", run.StdoutLines[0]);
        Assert.Contains("monitor loss (min delta 0.0001)", run.StdoutLines[0]);
        Assert.Matches(@"^epoch 1/2  loss +\d\.\d{4}  acc \d\.\d{4} +\d+ samples/s$", run.StdoutLines[1]);
    }

    [Fact]
    public void HiddenWorksForGeneratedDataToo()
    {
        var run = CliRun.Of("train", "--data", "circles", "--hidden", "8", "--epochs", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("layers 2-8-2,", run.StdoutLines[0]);
    }

    [Fact]
    public void AdamAndHiddenLayersTrainAGeneratedSet()
    {
        var run = BuiltInCommands.Train(["--data", "spirals"], "--optimizer", "adam", "--hidden", "32,32");
        // spirals' tuned lr 0.2 is for SGD: Adam starts from its own default, 0.001.
        Assert.Contains("; layers 2-32-32-3, activation relu, loss softmax_ce, adam lr 0.001,", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.95, run.StdoutLines[^1]);
    }

    [Fact]
    public void AGivenLearningRateWinsOverTheOptimizersDefault()
    {
        var run = BuiltInCommands.Train(["--data", "spirals"], "--optimizer", "adam", "--lr", "0.01", "--epochs", "2");
        Assert.Contains(", adam lr 0.01,", run.StdoutLines[0]);
    }

    [Fact]
    public void ScalingEarlyStoppingAndSplitsWorkOnAGeneratedSet()
    {
        var run = CliRun.Of("train", "--data", "spirals", "--scale", "standard", "--patience", "2", "--validation", "0.2", "--test-fraction", "0.1", "--lr", "0.5");
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("train spirals: 630 train / 180 validation / 90 test examples (held-out rows);", run.StdoutLines[0]);
        Assert.Contains("200 epochs (patience 2), scale standard, seed 1", run.StdoutLines[0]);
        Assert.Contains(run.StdoutLines, line => line.StartsWith("stopped early after epoch ", StringComparison.Ordinal));
        var last = CliRun.Of("train", "--data", "moons", "--test-last", "10", "--epochs", "1");
        Assert.Equal(0, last.ExitCode);
        Assert.Contains("10 test examples (the last 10 rows)", last.StdoutLines[0]);
    }

    [Fact]
    public void LossErrorsOnGeneratedSetsSuggestNoColumnOption()
    {
        var run = CliRun.Of("train", "--data", "spirals", "--loss", "mse_mean");
        run.AssertOneLineError("--loss mse_mean is a regression loss, but spirals has 3 classes (classification); use softmax_ce", BackpropCli.UsageError);
        Assert.DoesNotContain("--task", run.Stderr);
    }

    [Fact]
    public void HelpListsTheFileOptionsAndDefaults()
    {
        var run = CliRun.Of("train", "--help");
        foreach (var option in new[] { "--target", "--task", "--hidden", "--optimizer", "--patience", "--scale", "--separator", "--header", "--no-header", "--drop",
                     "--missing", "--validation", "--test-fraction", "--test", "--test-last", "--out", "--plot", "--plot-boundary" })
            Assert.Contains(option, run.Stdout);
        Assert.Matches(@"\n +--data +--hidden +--activation +--loss +--optimizer +--lr +--weight-decay +--schedule +--batch-size +--epochs +--patience +--scale +--validation +--test-fraction +--init\s", run.Stdout);
        Assert.Matches(@"\n +NAME\|FILE +64 +relu +softmax_ce\|mse_mean +adam +0\.001 +0\.0001 +cosine +32 +200 +10 +standard +0 +0\.2 +sklearn_uniform\s", run.Stdout);
        Assert.Matches(@"\n +mnist\[:DIR\] +64 +relu +softmax_ce\|mse_mean +adam +0\.001 +0\.0001 +cosine +32 +200 +10 +none +0 +0\.2 +sklearn_uniform\s", run.Stdout);
        foreach (var (data, row) in new[] { ("xor", "8 +tanh +softmax_ce +sgd +0\\.5 +0 +none +16 +30"), ("moons", "16,16 +tanh +softmax_ce +sgd +0\\.2 +0 +none +16 +100"),
                     ("circles", "16,16 +tanh +softmax_ce +sgd +0\\.2 +0 +none +16 +100"), ("sine", "32,32 +tanh +mse_half +sgd +0\\.1 +0 +none +16 +100") })
            Assert.Matches($@"\n +{data} +{row} +0 +none +0\.15 +0\.15 +by-activation\s", run.Stdout);
        foreach (var command in new[] { "evaluate", "predict", "info" }) Assert.Contains(command, CliRun.Of("--help").Stdout);
    }

    private static void AssertUsage(string message, string[] args) => CliRun.Of(args).AssertOneLineError(message, BackpropCli.UsageError);
}
