using Backprop.Optim;

namespace Backprop.Tests.Optim;

/// <summary>Adagrad against torch.optim.Adagrad's documented algorithm.</summary>
public class AdagradTests
{
    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(0.5, 0.0, 0.0)]
    [InlineData(0.0, 0.1, 0.0)]
    [InlineData(0.3, 0.05, 0.4)]
    public void ThreeStepsMatchThePyTorchAlgorithmWrittenOut(double eta, double lambda, double tau)
    {
        const double lr = 0.1, eps = 1e-10;
        var parameters = FixedProblem.Parameters();
        var adagrad = new AdagradOptions { LearningRate = lr, LearningRateDecay = eta, WeightDecay = lambda, InitialAccumulatorValue = tau }.Create(parameters);
        var sum = FixedProblem.Zeros(tau);
        // torch.optim.Adagrad: γ̃ = γ/(1 + (t − 1)η); g ← g + λθ; sum ← sum + g²; θ ← θ − γ̃g/(√sum + ε), sum starting at τ
        FixedProblem.MatchesReference(adagrad, parameters, (t, k, i, g, theta) =>
        {
            double rate = lr / (1 + (t - 1) * eta);
            g += lambda * theta;
            sum[k][i] += g * g;
            return theta - rate * g / (Math.Sqrt(sum[k][i]) + eps);
        });
        FixedProblem.AssertState(adagrad, "sum", sum);
    }

    [Fact]
    public void DefaultsArePyTorchs()
    {
        var o = new AdagradOptions();
        Assert.Equal((1e-2, 0.0, 0.0, 0.0, 1e-10), (o.LearningRate, o.LearningRateDecay, o.WeightDecay, o.InitialAccumulatorValue, o.Epsilon));
    }

    [Theory]
    [InlineData("lr_decay", -0.1)]
    [InlineData("initial_accumulator_value", -1.0)]
    [InlineData("eps", double.NaN)]
    public void BadHyperParametersAreRefusedWithNameAndValue(string name, double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdagradOptions().With(name, value).Validate());
        Assert.Contains($"Adagrad: {name} must", e.Message);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.CurrentCulture), e.Message);
    }
}
