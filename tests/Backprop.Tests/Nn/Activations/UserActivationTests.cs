using Backprop.Cli;
using Backprop.Cli.Learn;
using Backprop.Nn;
using Backprop.Tests.Cli;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn.Activations;

/// <summary>
/// An activation defined in this assembly (<see cref="Softsign"/>: one file plus one registration call) works through the parser,
/// Dense, autograd, the CLI's --activation and gradcheck: nothing else in the library needs to know it.
/// </summary>
[Collection(LearnerCommandsCollection.Name)]
public class UserActivationTests
{
    public UserActivationTests() => Softsign.Register();

    [Fact]
    public void ParsesAndRoundTrips()
    {
        var a = Activation.Parse("softsign");
        Assert.IsType<Softsign>(a);
        Assert.Equal("softsign", a.ToString());
        Assert.Contains("softsign", Activation.Names);
        Assert.Equal(Initializer.GlorotUniform, Initializer.Default.For(a));
    }

    [Fact]
    public void DenseBackwardMatchesFiniteDifferences()
    {
        var activation = Activation.Parse("softsign");
        var x = TestData.Normal(5, 1, 6, 3);
        var w = TestData.Normal(6, 0.8, 3, 21);
        var b = TestData.Normal(7, 0.5, 21);
        GradCheck.Check("Dense(3 -> 21, softsign)", xs => new Dense<double>(xs[1], xs[2], activation).Forward(xs[0]), [x, w, b]);
        var y = new Dense<double>(w, b, activation).Forward(x);
        Assert.All(y.ToArray(), v => Assert.InRange(v, -1, 1));
    }

    [Fact]
    public void TrainsFromTheCommandLine()
    {
        var run = CliRun.Of("train", "--data", "xor", "--epochs", "2", "--activation", "softsign");
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("activation softsign", run.Stdout);
        // it really trains with softsign: the same run with tanh, the set's default, ends elsewhere
        var tanh = CliRun.Of("train", "--data", "xor", "--epochs", "2", "--activation", "tanh");
        Assert.NotEqual(tanh.StdoutLines[^2][..40], run.StdoutLines[^2][..40]);
    }

    [Fact]
    public void GradcheckCoversIt()
    {
        Assert.Contains("softsign", GradCheckCommand.Activations);
        var run = CliRun.Of("gradcheck");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"\nsoftsign / softmax_ce .* ok\r?\n", run.Stdout);
    }
}
