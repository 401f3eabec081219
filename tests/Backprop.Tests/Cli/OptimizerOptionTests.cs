using Backprop.Optim;

namespace Backprop.Tests.Cli;

/// <summary><c>--optimizer</c> and its hyper-parameter options from the command line.</summary>
public class OptimizerOptionTests
{
    public static TheoryData<string> Names() => [.. Optimizers.Names.Take(8)]; // the built-in ones (the test assembly adds its own)

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryOptimizerWithItsDefaultsTrainsTheSpirals(string name)
    {
        var run = BuiltInCommands.Train(["--data", "spirals"], "--optimizer", name);
        // spirals' lr 0.2 is tuned for its default, sgd; any other optimizer starts from its own (PyTorch's) default rate.
        double lr = name == "sgd" ? 0.2 : Optimizers.Defaults(name).LearningRate;
        Assert.Contains($", {name} lr {lr.ToString(System.Globalization.CultureInfo.InvariantCulture)}, batch 32, 200 epochs,", run.StdoutLines[0]);
        Assert.True(run.TestMetric("acc") >= 0.9, run.StdoutLines[^1]);
    }

    [Theory]
    [InlineData("momentum", "--momentum", "0.5")]
    [InlineData("sgd", "--momentum", "0.5")]
    [InlineData("rmsprop", "--momentum", "0.5")]
    [InlineData("sgd", "--weight-decay", "0.5")]
    [InlineData("adamw", "--weight-decay", "0.5")]
    [InlineData("adam", "--beta1", "0.5")]
    [InlineData("adamw", "--beta2", "0.5")]
    [InlineData("adagrad", "--eps", "0.5")]
    public void EachHyperParameterOptionChangesTraining(string optimizer, string option, string value)
    {
        string[] args = ["--optimizer", optimizer, "--epochs", "2", "--lr", "0.05"];
        var plain = BuiltInCommands.Train(BuiltInCommands.Iris, args);
        var changed = BuiltInCommands.Train(BuiltInCommands.Iris, [.. args, option, value]);
        // The header names the hyper-parameter given, by PyTorch's name (--weight-decay 0.5: "lr 0.05 weight_decay 0.5"), before the defaults' (adam's weight decay).
        Assert.Equal(plain.StdoutLines[0].Replace("lr 0.05", $"lr 0.05 {option[2..].Replace('-', '_')} {value}"), changed.StdoutLines[0]);
        Assert.NotEqual(plain.StdoutLines[^2][..40], changed.StdoutLines[^2][..40]);
    }

    [Theory]
    [InlineData("--beta1 does not apply to --optimizer sgd; it takes --lr, --momentum, --weight-decay", "--beta1", "0.9")]
    [InlineData("--momentum does not apply to --optimizer adam; it takes --lr, --weight-decay, --beta1, --beta2, --eps", "--optimizer", "adam", "--momentum", "0.9")]
    [InlineData("--eps does not apply to --optimizer nesterov; it takes --lr, --momentum, --weight-decay", "--optimizer", "nesterov", "--eps", "1e-6")]
    [InlineData("--beta2 does not apply to --optimizer rmsprop; it takes --lr, --momentum, --weight-decay, --eps", "--optimizer", "rmsprop", "--beta2", "0.9")]
    [InlineData("--optimizer momentum: Sgd: momentum must be a finite number ≥ 0; got -1", "--optimizer", "momentum", "--momentum", "-1")]
    [InlineData("--optimizer adamw: AdamW: weight_decay must be a finite number ≥ 0; got -0.1", "--optimizer", "adamw", "--weight-decay", "-0.1")]
    [InlineData("--optimizer adam: Adam: β₁ and β₂ must lie in [0, 1); got 1 and 0.999", "--optimizer", "adam", "--beta1", "1")]
    [InlineData("--optimizer adagrad: Adagrad: eps must be a finite number ≥ 0; got -1", "--optimizer", "adagrad", "--eps", "-1")]
    [InlineData("--optimizer nesterov: Sgd: Nesterov momentum needs momentum > 0 and dampening 0; got momentum 0 and dampening 0", "--optimizer", "nesterov", "--momentum", "0")]
    [InlineData("--eps must be a number; got tiny", "--optimizer", "adam", "--eps", "tiny")]
    public void OptionsThatDoNotFitTheOptimizerAreRefused(string message, params string[] args) =>
        CliRun.Of(["train", "--data", "xor", .. args]).AssertOneLineError(message, Backprop.Cli.BackpropCli.UsageError);

    [Fact]
    public void HelpListsTheOptimizersAndTheirOptionsWithDefaults()
    {
        var help = CliRun.Of("train", "--help").Stdout;
        Assert.Contains("--optimizer <sgd|momentum|nesterov|adam|adamw|rmsprop|adagrad|lbfgs|sign_momentum>", help);
        foreach (var (option, defaults) in new[] { ("--momentum", "default 0.9 for momentum and nesterov"), ("--weight-decay", "default 0.01 for adamw"),
                     ("--beta1", "default 0.9"), ("--beta2", "default 0.999"), ("--eps", "default 1e-8") })
        {
            Assert.Contains(option + " <X>", help);
            Assert.Contains(defaults, help);
        }
    }
}
