using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Tests.Optim;

/// <summary>Adam against PyTorch's documented algorithm, written out plainly here.</summary>
public class AdamTests
{
    // Per step, per parameter: the gradients fed to the optimizer (fixed, so the test needs no model).
    private static readonly double[][][] Gradients =
    [
        [[0.5, -1.0, 2.0], [0.25, 0.0, -3.0, 1.5]],
        [[-0.75, 0.5, 1.0], [1.0, -2.0, 0.5, 0.0]],
        [[0.1, 3.0, -0.2], [-0.5, 0.25, 4.0, -1.0]],
        [[2.0, -0.5, 0.0], [0.0, 1.0, -1.0, 2.5]],
    ];

    private static Tensor<double>[] Parameters() => [Tensor.From(1.0, -2.0, 0.5), Tensor.From(0.3, 0.7, -1.2, 2.0).Reshape(2, 2)];

    private static void Feed(Tensor<double>[] parameters, int step)
    {
        for (int k = 0; k < parameters.Length; k++) parameters[k].Grad = new Tensor<double>(parameters[k].Shape, (double[])Gradients[step][k].Clone());
    }

    [Fact]
    public void FourStepsMatchThePyTorchAlgorithmWrittenOut()
    {
        const double lr = 0.1, beta1 = 0.8, beta2 = 0.95, eps = 1e-6;
        var parameters = Parameters();
        foreach (var p in parameters) p.RequiresGrad = true;
        var adam = new Adam<double>(parameters, lr, betas: (beta1, beta2), eps: eps);

        // torch.optim.Adam: m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; m̂ = m/(1−β1^t); v̂ = v/(1−β2^t); θ = θ − lr·m̂/(√v̂ + ε)
        double[][] theta = [.. Parameters().Select(p => p.ToArray())];
        double[][] m = [.. theta.Select(t => new double[t.Length])], v = [.. theta.Select(t => new double[t.Length])];
        for (int t = 1; t <= Gradients.Length; t++)
        {
            Feed(parameters, t - 1);
            adam.Step();
            for (int k = 0; k < theta.Length; k++)
                for (int i = 0; i < theta[k].Length; i++)
                {
                    double g = Gradients[t - 1][k][i];
                    m[k][i] = beta1 * m[k][i] + (1 - beta1) * g;
                    v[k][i] = beta2 * v[k][i] + (1 - beta2) * g * g;
                    double mHat = m[k][i] / (1 - Math.Pow(beta1, t)), vHat = v[k][i] / (1 - Math.Pow(beta2, t));
                    theta[k][i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
                }
            for (int k = 0; k < theta.Length; k++) FixedProblem.AssertClose(theta[k], parameters[k].ToArray());
        }
        var state = adam.State();
        Assert.Equal(Gradients.Length, state.Steps);
        for (int k = 0; k < theta.Length; k++)
        {
            FixedProblem.AssertClose(m[k], state.Buffers["exp_avg"][k]);
            FixedProblem.AssertClose(v[k], state.Buffers["exp_avg_sq"][k]);
        }
    }

    [Fact]
    public void DefaultsArePyTorchs()
    {
        var options = new AdamOptions();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8), (options.LearningRate, options.Beta1, options.Beta2, options.Epsilon));
        var adam = Assert.IsType<Adam<double>>(options.Create([Tensor.Scalar(1.0, requiresGrad: true)]));
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        var custom = (Adam<float>)new AdamOptions { LearningRate = 0.02, Beta1 = 0.5, Beta2 = 0.9, Epsilon = 1e-4 }.Create([Tensor.Scalar(1f, requiresGrad: true)]);
        Assert.Equal((0.02, 0.5, 0.9, 1e-4), (custom.LearningRate, custom.Beta1, custom.Beta2, custom.Epsilon));
    }

    [Fact]
    public void LoadedStateContinuesExactlyAsTheOriginal()
    {
        Tensor<double>[] Trainable() { var ps = Parameters(); foreach (var p in ps) p.RequiresGrad = true; return ps; }
        var (a, b) = (Trainable(), Trainable());
        var first = new Adam<double>(a, 0.05);
        for (int t = 0; t < 2; t++) { Feed(a, t); first.Step(); }
        for (int k = 0; k < a.Length; k++) a[k].Span.CopyTo(b[k].Span);
        var second = new Adam<double>(b, 0.05);
        second.LoadState(first.State());
        for (int t = 2; t < 4; t++) { Feed(a, t); first.Step(); Feed(b, t); second.Step(); }
        for (int k = 0; k < a.Length; k++) Assert.Equal(a[k].ToArray(), b[k].ToArray());
        Assert.Equal(4, second.Steps);
    }

    [Fact]
    public void StateOfAnotherShapeIsRefusedByName()
    {
        var w = Tensor.From(1.0, 2.0);
        w.RequiresGrad = true;
        var adam = new Adam<double>([w]);
        var wrong = new OptimizerState<double>(3, new Dictionary<string, double[][]> { ["exp_avg"] = [new double[3]], ["exp_avg_sq"] = [new double[3]] });
        var e = Assert.Throws<ArgumentException>(() => adam.LoadState(wrong));
        Assert.Contains("exp_avg", e.Message);
        Assert.Contains("3 values", e.Message);
        var sgdState = new Sgd<double>([w]).State();
        Assert.Contains("expected [exp_avg, exp_avg_sq]", Assert.Throws<ArgumentException>(() => adam.LoadState(sgdState)).Message);
    }

    [Theory]
    [InlineData(1.0, 0.999)]
    [InlineData(0.9, -0.1)]
    public void BetasOutsideZeroToOneAreRefused(double beta1, double beta2)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam<double>([Tensor.Scalar(1.0, requiresGrad: true)], betas: (beta1, beta2)));
        Assert.Contains("β₁ and β₂", e.Message);
    }
}
