using Backprop.Optim;

namespace Backprop.Tests.Optim;

/// <summary>Adam's L2 weight decay and AMSGrad, and AdamW's decoupled decay, against torch.optim's documented algorithms.</summary>
public class AdamVariantTests
{
    private const double Lr = 0.05, Beta1 = 0.8, Beta2 = 0.95, Eps = 1e-6;

    [Theory]
    [InlineData(false, 0.0, false)]
    [InlineData(false, 0.1, false)]
    [InlineData(false, 0.1, true)]
    [InlineData(true, 0.1, false)]
    [InlineData(true, 0.3, true)]
    public void ThreeStepsMatchThePyTorchAlgorithmWrittenOut(bool adamW, double lambda, bool amsgrad)
    {
        var parameters = FixedProblem.Parameters();
        AdamOptions options = adamW ? new AdamWOptions() : new AdamOptions();
        var adam = (options with { LearningRate = Lr, Beta1 = Beta1, Beta2 = Beta2, Epsilon = Eps, WeightDecay = lambda, AmsGrad = amsgrad }).Create(parameters);
        Assert.IsType(adamW ? typeof(AdamW<double>) : typeof(Adam<double>), adam);
        double[][] m = FixedProblem.Zeros(), v = FixedProblem.Zeros(), vMax = FixedProblem.Zeros();
        // torch.optim.Adam / AdamW: θ ← θ − γλθ (AdamW) or g ← g + λθ (Adam); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
        // m̂ = m/(1 − β₁ᵗ); v^max ← max(v^max, v) and v̂ = v^max/(1 − β₂ᵗ) (AMSGrad) or v̂ = v/(1 − β₂ᵗ); θ ← θ − γm̂/(√v̂ + ε)
        FixedProblem.MatchesReference(adam, parameters, (t, k, i, g, theta) =>
        {
            if (adamW) theta -= Lr * lambda * theta;
            else g += lambda * theta;
            m[k][i] = Beta1 * m[k][i] + (1 - Beta1) * g;
            v[k][i] = Beta2 * v[k][i] + (1 - Beta2) * g * g;
            vMax[k][i] = Math.Max(vMax[k][i], v[k][i]);
            double mHat = m[k][i] / (1 - Math.Pow(Beta1, t)), vHat = (amsgrad ? vMax[k][i] : v[k][i]) / (1 - Math.Pow(Beta2, t));
            return theta - Lr * mHat / (Math.Sqrt(vHat) + Eps);
        });
        FixedProblem.AssertState(adam, "exp_avg", m);
        FixedProblem.AssertState(adam, "exp_avg_sq", v);
        if (amsgrad) FixedProblem.AssertState(adam, "max_exp_avg_sq", vMax);
        else Assert.False(adam.State().Buffers.ContainsKey("max_exp_avg_sq"));
    }

    [Fact]
    public void AdamWDefaultsArePyTorchs()
    {
        var options = new AdamWOptions();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.01, false), (options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay, options.AmsGrad));
        Assert.Equal((0.0, false), (new AdamOptions().WeightDecay, new AdamOptions().AmsGrad));
        var adamW = Assert.IsType<AdamW<float>>(options.Create([Backprop.Tensors.Tensor.Scalar(1f, requiresGrad: true)]));
        Assert.Equal(0.01, adamW.WeightDecay);
    }

    [Theory]
    [InlineData("eps", -1e-8)]
    [InlineData("weight_decay", -0.1)]
    [InlineData("weight_decay", double.PositiveInfinity)]
    public void BadHyperParametersAreRefusedWithNameAndValue(string name, double value)
    {
        foreach (var options in new AdamOptions[] { new(), new AdamWOptions() })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => options.With(name, value).Validate());
            Assert.Contains(name, e.Message);
            Assert.Contains(value.ToString(System.Globalization.CultureInfo.CurrentCulture), e.Message);
            Assert.StartsWith(options is AdamWOptions ? "AdamW:" : "Adam:", e.Message);
        }
    }
}
