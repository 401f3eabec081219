using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Tests.Optim;

/// <summary>Plain SGD: θ := θ − lr·dL/dθ.</summary>
public class SgdTests
{
    [Fact]
    public void OneStepIsWeightMinusLearningRateTimesGradientExactly()
    {
        // Values chosen so that every product and difference is exact in binary floating point.
        var w = Tensor.From(1.5, -2.25, 0.125, 3.0);
        w.RequiresGrad = true;
        var target = Tensor.From(0.5, 4.0, -8.0, 3.0);
        (w * target).Sum().Backward();   // dL/dw = target
        new Sgd<double>([w], 0.25).Step();
        Assert.Equal([1.5 - 0.25 * 0.5, -2.25 - 0.25 * 4, 0.125 + 0.25 * 8, 3.0 - 0.25 * 3], w.ToArray());
    }

    [Fact]
    public void ThreeStepsMatchThePyTorchAlgorithmWrittenOut()
    {
        // torch.optim.SGD without momentum: θ = θ − lr·g, with fixed gradients per step.
        double[][] gradients = [[0.5, -1.0, 2.0], [-0.75, 0.5, 1.0], [0.1, 3.0, -0.2]];
        const double lr = 0.3;
        var w = Tensor.From(1.0, -2.0, 0.5);
        w.RequiresGrad = true;
        var sgd = new SgdOptions { LearningRate = lr }.Create([w]);
        double[] theta = [1.0, -2.0, 0.5];
        foreach (var g in gradients)
        {
            w.Grad = Tensor.From(g);
            sgd.Step();
            for (int i = 0; i < theta.Length; i++) theta[i] -= lr * g[i];
            for (int i = 0; i < theta.Length; i++) Assert.True(Math.Abs(theta[i] - w[i]) <= 1e-12, $"[{i}]: {theta[i]:R} vs {w[i]:R}");
        }
        Assert.Equal(3, sgd.Steps);
        Assert.Empty(sgd.State().Buffers);
    }

    [Fact]
    public void DefaultLearningRateIsPyTorchs()
    {
        Assert.Equal(1e-3, new SgdOptions().LearningRate);
        Assert.Equal(1e-3, new Sgd<double>([Tensor.Scalar(1.0, requiresGrad: true)]).LearningRate);
    }

    [Fact]
    public void OneStepOnAFloatNetworkMovesEachParameterByItsGradient()
    {
        var model = Mlp.Create<float>([3, 4, 2], Activation.Tanh, seed: 3);
        var x = Tensor<float>.RandomNormal(1, 0, 1, 5, 3);
        new CrossEntropy().Compute(model.Forward(x), Tensor.From(0f, 1, 1, 0, 1)).Backward();
        var before = model.Parameters().Select(p => p.ToArray()).ToArray();
        var grads = model.Parameters().Select(p => p.Grad!.ToArray()).ToArray();

        new Sgd<float>(model.Parameters(), 0.1).Step();

        var after = model.Parameters().Select(p => p.ToArray()).ToArray();
        for (int p = 0; p < after.Length; p++)
            for (int i = 0; i < after[p].Length; i++)
            {
                double expected = before[p][i] - 0.1f * grads[p][i];
                Assert.True(Math.Abs(after[p][i] - expected) <= 2e-7 * Math.Max(1, Math.Abs(expected)),
                    $"parameter {p}[{i}]: {after[p][i]} vs {expected}");
            }
    }

    [Fact]
    public void ParameterWithoutAGradientIsLeftAlone()
    {
        var used = Tensor.From(1.0);
        var unused = Tensor.From(5.0);
        used.RequiresGrad = unused.RequiresGrad = true;
        (used * 2.0).Sum().Backward();
        new Sgd<double>([used, unused], 0.5).Step();
        Assert.Equal(0.0, used[0]);
        Assert.Equal(5.0, unused[0]);
        Assert.Null(unused.Grad);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InvalidLearningRateThrows(double learningRate)
    {
        var w = Tensor.Scalar(1.0, requiresGrad: true);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd<double>([w], learningRate));
        Assert.Contains("learning rate", e.Message);
        Assert.Contains(learningRate.ToString(System.Globalization.CultureInfo.CurrentCulture), e.Message);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void InvalidLearningRateThrowsWhenSetLaterToo(double learningRate)
    {
        // The constructor's rule λ ≥ 0 must not be escapable through the setter (NaN would silently poison every weight).
        var sgd = new Sgd<double>([Tensor.Scalar(1.0, requiresGrad: true)], 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sgd.LearningRate = learningRate);
    }

    [Fact]
    public void ARateOfZeroIsAllowedAndLeavesTheWeightsAlone()
    {
        // As PyTorch (which refuses only lr < 0): a cosine schedule with eta_min = 0 ends at exactly 0.
        var w = Tensor.Scalar(1.0, requiresGrad: true);
        var sgd = new Sgd<double>([w], 0.1) { LearningRate = 0 };
        w.Grad = Tensor.Scalar(5.0);
        sgd.Step();
        Assert.Equal(1.0, w.Item);
    }

    [Fact]
    public void ParameterThatNeedsNoGradientIsRejectedByName()
    {
        var w = Tensor.From(1.0, 2.0);
        w.Name = "layer0.w";
        var e = Assert.Throws<ArgumentException>(() => new Sgd<double>([w], 0.1));
        Assert.Contains("layer0.w", e.Message);
    }

    [Fact]
    public void ZeroGradClearsEveryParameter()
    {
        var model = Mlp.Create<double>([2, 3, 1], Activation.Relu, seed: 1);
        var sgd = new Sgd<double>(model.Parameters(), 0.1);
        new MeanSquaredError().Compute(model.Forward(Tensor<double>.Ones(4, 2)), Tensor<double>.Zeros(4, 1)).Backward();
        Assert.Contains(model.Parameters(), p => p.Grad!.ToArray().Any(g => g != 0));
        sgd.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad!.ToArray(), g => Assert.Equal(0.0, g)));
    }

    [Fact]
    public void TrainingLogisticRegressionReducesTheLoss()
    {
        // Separable data: label = 1 when x0 + x1 > 0.
        var x = Tensor<double>.RandomNormal(8, 0, 1, 32, 2);
        var y = new Tensor<double>(new Shape(32));
        for (int i = 0; i < 32; i++) y[i] = x[i, 0] + x[i, 1] > 0 ? 1 : 0;
        var model = new Dense<double>(2, 1, seed: 2);
        var sgd = new Sgd<double>(model.Parameters(), 0.5);
        var loss = new BinaryCrossEntropy();
        double first = 0, last = 0;
        for (int step = 0; step < 100; step++)
        {
            sgd.ZeroGrad();
            var l = loss.Compute(model.Forward(x), y);
            l.Backward();
            sgd.Step();
            if (step == 0) first = l.Item;
            last = l.Item;
        }
        Assert.True(last < first / 3, $"loss went from {first} to {last}");
        Assert.Null(model.W.Creator);  // the update records nothing
    }
}
