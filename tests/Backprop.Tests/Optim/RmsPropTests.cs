using Backprop.Optim;

namespace Backprop.Tests.Optim;

/// <summary>RMSprop against torch.optim.RMSprop's documented algorithm.</summary>
public class RmsPropTests
{
    [Theory]
    [InlineData(0.0, 0.0, false)]
    [InlineData(0.05, 0.0, false)]
    [InlineData(0.0, 0.0, true)]
    [InlineData(0.0, 0.7, false)]
    [InlineData(0.05, 0.7, true)]
    public void ThreeStepsMatchThePyTorchAlgorithmWrittenOut(double lambda, double mu, bool centered)
    {
        const double lr = 0.01, alpha = 0.9, eps = 1e-6;
        var parameters = FixedProblem.Parameters();
        var rms = new RmsPropOptions { LearningRate = lr, Alpha = alpha, Epsilon = eps, WeightDecay = lambda, Momentum = mu, Centered = centered }.Create(parameters);
        double[][] v = FixedProblem.Zeros(), mean = FixedProblem.Zeros(), b = FixedProblem.Zeros();
        // torch.optim.RMSprop: g ← g + λθ; v ← αv + (1 − α)g²; ṽ = v, or ḡ ← αḡ + (1 − α)g and ṽ = v − ḡ² (centered);
        // b ← μb + g/(√ṽ + ε) and θ ← θ − γb (μ > 0), else θ ← θ − γg/(√ṽ + ε)
        FixedProblem.MatchesReference(rms, parameters, (t, k, i, g, theta) =>
        {
            g += lambda * theta;
            v[k][i] = alpha * v[k][i] + (1 - alpha) * g * g;
            double vTilde = v[k][i];
            if (centered)
            {
                mean[k][i] = alpha * mean[k][i] + (1 - alpha) * g;
                vTilde -= mean[k][i] * mean[k][i];
            }
            if (mu == 0) return theta - lr * g / (Math.Sqrt(vTilde) + eps);
            b[k][i] = mu * b[k][i] + g / (Math.Sqrt(vTilde) + eps);
            return theta - lr * b[k][i];
        });
        FixedProblem.AssertState(rms, "square_avg", v);
        if (centered) FixedProblem.AssertState(rms, "grad_avg", mean);
        if (mu > 0) FixedProblem.AssertState(rms, "momentum_buffer", b);
        Assert.Equal(1 + (centered ? 1 : 0) + (mu > 0 ? 1 : 0), rms.State().Buffers.Count);
    }

    [Fact]
    public void DefaultsArePyTorchs()
    {
        var o = new RmsPropOptions();
        Assert.Equal((1e-2, 0.99, 1e-8, 0.0, 0.0, false), (o.LearningRate, o.Alpha, o.Epsilon, o.WeightDecay, o.Momentum, o.Centered));
    }

    [Theory]
    [InlineData("alpha", 1.0)]
    [InlineData("alpha", -0.1)]
    [InlineData("eps", -1.0)]
    [InlineData("momentum", -0.9)]
    [InlineData("weight_decay", -0.5)]
    public void BadHyperParametersAreRefusedWithNameAndValue(string name, double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RmsPropOptions().With(name, value).Validate());
        Assert.Contains($"RmsProp: {name} must", e.Message);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.CurrentCulture), e.Message);
    }
}
