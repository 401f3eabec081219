using Backprop.Cli;
using Backprop.Cli.Common;

namespace Backprop.Tests.Cli;

public class BadInputTests
{
    [Theory]
    [InlineData("--lr must be a positive number; got -1", "train", "--lr", "-1")]
    [InlineData("--lr must be a positive number; got 0", "train", "--lr", "0")]
    [InlineData("--lr must be a positive number; got fast", "train", "--lr", "fast")]
    [InlineData("--lr must be a positive number; got NaN", "train", "--lr", "NaN")]
    [InlineData("--layers: size 1 is 0 in 2-0-3", "train", "--layers", "2-0-3")]
    [InlineData("--layers: size 1 is 'x', not a whole number", "train", "--layers", "2-x-3")]
    [InlineData("--layers: size 1 is 3000000000 in 2-3000000000-3; that is more than 2147483647", "train", "--layers", "2-3000000000-3")]
    [InlineData("--layers needs at least an input and an output size", "train", "--layers", "2")]
    [InlineData("--epochs must be a whole number of at least 1; got -5", "train", "--epochs", "-5")]
    [InlineData("--batch-size must be a whole number of at least 1; got 0", "train", "--batch-size", "0")]
    [InlineData("--seed must be a whole number", "train", "--seed", "-1")]
    [InlineData("--data must be a generated set (spirals, xor, moons, circles, sine), a built-in data set (iris, wine, breast-cancer, optdigits, letters, auto-mpg, wine-quality-red, penguins, mnist), a data file or mnist:DIR; got nosuchset", "train", "--data", "nosuchset")]
    [InlineData("--activation must be one of sigmoid, tanh, relu, leaky_relu[:ALPHA], gelu, gelu_tanh, silu, elu[:ALPHA], softplus, identity", "train", "--activation", "mish")]
    [InlineData("--activation: softmax is not a hidden activation", "train", "--activation", "softmax")]
    [InlineData("--loss must be one of softmax_ce, bce_logits, mse_half, mse_mean, smoothed_ce; got hinge", "train", "--loss", "hinge")]
    [InlineData("'--lr'", "train", "--lr")]
    [InlineData("unknown option '--learning-rate' for 'backprop train'", "train", "--learning-rate", "0.1")]
    [InlineData("unknown option '--foo' for 'backprop'", "--foo")]
    [InlineData("unknown command 'fit' for 'backprop'", "fit")]
    [InlineData("unexpected argument 'extra' for 'backprop train'", "train", "extra")]
    [InlineData("no command given; try 'backprop train'")]
    public void MalformedCommandLinesFailWithOneLine(string message, params string[] args) => AssertUsageError(message, args);

    [Theory]
    [InlineData("--layers 3-32-3: the input size must be 2, the number of features of spirals; got 3", "--layers", "3-32-3")]
    [InlineData("--layers 2-32-2: the output size must be 3 for spirals with loss softmax_ce", "--layers", "2-32-2")]
    [InlineData("--layers 1-8-2: the output size must be 1 for sine", "--data", "sine", "--layers", "1-8-2")]
    [InlineData("--layers 2-8-2: the output size must be 1 for xor with loss bce_logits", "--data", "xor", "--loss", "bce_logits", "--layers", "2-8-2")]
    [InlineData("--loss bce_logits needs two classes, but spirals has 3", "--loss", "bce_logits")]
    [InlineData("--loss mse_half is a regression loss, but spirals has 3 classes (classification); use softmax_ce", "--loss", "mse_half")]
    [InlineData("--loss softmax_ce is a classification loss, but sine has a numeric target (regression); use mse_mean or mse_half", "--data", "sine", "--loss", "softmax_ce")]
    public void SettingsThatDoNotFitTheDataFailWithOneLine(string message, params string[] args) => AssertUsageError(message, ["train", .. args]);

    [Fact]
    public void DivergenceIsReportedAsOneLineWithoutAStackTrace()
    {
        var run = CliRun.Of("train", "--data", "sine", "--lr", "50", "--epochs", "3");
        Assert.Equal(BackpropCli.Failure, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("error: Training diverged", line);
    }

    [Fact]
    public void LibraryArgumentErrorsLoseTheParameterDecoration()
    {
        var e = Record.Exception(new Action(() => throw new ArgumentOutOfRangeException("learningRate", -1.0, "Sgd: learning rate must be a positive number; got -1.")));
        Assert.Equal("Sgd: learning rate must be a positive number; got -1.", ErrorMessages.OneLine(e));
        var dotNet = Record.Exception(() => new List<int>()[1]); // .NET's own text ("Index was out of range...") is never shown
        Assert.Equal("an unexpected ArgumentOutOfRangeException; please report it", ErrorMessages.OneLine(dotNet));
    }

    private static void AssertUsageError(string message, string[] args) => CliRun.Of(args).AssertOneLineError(message, BackpropCli.UsageError);
}
