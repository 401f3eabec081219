using Backprop.Optim;

namespace Backprop.Tests.Optim;

/// <summary>SGD with momentum, dampening, Nesterov and weight decay against torch.optim.SGD's documented algorithm.</summary>
public class SgdMomentumTests
{
    [Theory]
    [InlineData(0.0, 0.0, 0.05, false)]
    [InlineData(0.9, 0.0, 0.0, false)]
    [InlineData(0.9, 0.3, 0.01, false)]
    [InlineData(0.8, 0.0, 0.05, true)]
    public void ThreeStepsMatchThePyTorchAlgorithmWrittenOut(double mu, double tau, double lambda, bool nesterov)
    {
        const double lr = 0.1;
        var parameters = FixedProblem.Parameters();
        var sgd = new SgdOptions { LearningRate = lr, Momentum = mu, Dampening = tau, WeightDecay = lambda, Nesterov = nesterov }.Create(parameters);
        var b = FixedProblem.Zeros();
        // torch.optim.SGD: g ← g + λθ; b ← g at t = 1, else μb + (1 − τ)g; g ← g + μb (Nesterov) or b; θ ← θ − γg
        FixedProblem.MatchesReference(sgd, parameters, (t, k, i, grad, theta) =>
        {
            double g = grad + lambda * theta;
            if (mu != 0)
            {
                b[k][i] = t == 1 ? g : mu * b[k][i] + (1 - tau) * g;
                g = nesterov ? g + mu * b[k][i] : b[k][i];
            }
            return theta - lr * g;
        });
        if (mu != 0) FixedProblem.AssertState(sgd, "momentum_buffer", b);
        else Assert.Empty(sgd.State().Buffers);
    }

    [Fact]
    public void DefaultsArePyTorchsAndTheNameSaysTheVariant()
    {
        var options = new SgdOptions();
        Assert.Equal((1e-3, 0.0, 0.0, 0.0, false), (options.LearningRate, options.Momentum, options.Dampening, options.WeightDecay, options.Nesterov));
        Assert.Equal(("sgd", "momentum", "nesterov"), (options.Name, (options with { Momentum = 0.5 }).Name, (options with { Momentum = 0.5, Nesterov = true }).Name));
    }

    [Theory]
    [InlineData(-0.5, 0.0, 0.0, "momentum", "-0.5")]
    [InlineData(0.9, 1.5, 0.0, "dampening", "1.5")]
    [InlineData(0.9, 0.0, -0.01, "weight_decay", "-0.01")]
    [InlineData(0.9, 0.0, double.NaN, "weight_decay", "NaN")]
    public void BadHyperParametersAreRefusedWithNameAndValue(double mu, double tau, double lambda, string name, string value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptions { Momentum = mu, Dampening = tau, WeightDecay = lambda }.Validate());
        Assert.Contains(name, e.Message);
        Assert.Contains(value, e.Message);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 0.1)]
    public void NesterovWithoutMomentumOrWithDampeningIsRefused(double mu, double tau)
    {
        var e = Assert.Throws<ArgumentException>(() => new SgdOptions { Momentum = mu, Dampening = tau, Nesterov = true }.Validate());
        Assert.Contains("Nesterov momentum needs momentum > 0 and dampening 0", e.Message);
    }
}
