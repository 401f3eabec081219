using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Nn;

public class DropoutTests
{
    private static Tensor<double> Input() => Tensor<double>.RandomUniform(new Rng(3), 0.5, 2, 200, 50);

    [Fact]
    public void KeptValuesAreScaledByOneOverOneMinusPAndDroppedOnesAreExactZeros()
    {
        var x = Input();
        var y = new Dropout<double>(0.3, seed: 1).Forward(x);
        int zeros = 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (y.Span[i] == 0) { zeros++; continue; }
            Assert.Equal(x.Span[i] * (1 / 0.7), y.Span[i], 14);
        }
        Assert.InRange(zeros / (double)x.Length, 0.28, 0.32); // 10 000 draws: σ ≈ 0.005
    }

    [Fact]
    public void ExpectedOutputIsPreserved()
    {
        var x = Tensor<double>.Ones(200, 50);
        var y = new Dropout<double>(0.5, seed: 2).Forward(x);
        double mean = y.ToArray().Average();
        Assert.InRange(mean, 0.97, 1.03); // σ of the mean over 10 000 units = 0.01; without the scaling it would be 0.5
    }

    [Fact]
    public void EvaluationModeIsTheIdentityOnTheGraphAndOnThePlan()
    {
        var layer = new Dropout<double>(0.5, seed: 3);
        var x = Input();
        layer.Eval();
        Assert.Equal(x.ToArray(), layer.Forward(x).ToArray());
        layer.Train();
        Assert.NotEqual(x.ToArray(), layer.Forward(x).ToArray());

        // Prediction runs the plan with training = false: the network answers as if the layer were not there.
        var with = new Sequential<double>(new Dense<double>(50, 4, Activation.Relu, seed: 5), new Dropout<double>(0.5, 9), new Dense<double>(4, 3, seed: 6));
        var without = new Sequential<double>(new Dense<double>(50, 4, Activation.Relu, seed: 5), new Dense<double>(4, 3, seed: 6));
        Assert.True(LayerPlan<double>.CanPlan(with));
        var loss = new CrossEntropy();
        Assert.Equal(Trainer.Predict(without, loss, x).ToArray(), Trainer.Predict(with, loss, x).ToArray());
    }

    [Fact]
    public void TheSameSeedGivesTheSameMasks()
    {
        var x = Input();
        Dropout<double> a = new(0.4, seed: 11), b = new(0.4, seed: 11), c = new(0.4, seed: 12);
        for (int call = 0; call < 3; call++)
        {
            var ya = a.Forward(x).ToArray();
            Assert.Equal(ya, b.Forward(x).ToArray());
            Assert.NotEqual(ya, c.Forward(x).ToArray());
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideZeroToOneIsRefused(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout<float>(p));
        Assert.Contains("Dropout: the probability p must be in [0, 1)", e.Message);
    }

    [Fact]
    public void BackwardMatchesFiniteDifferencesForAFixedMask()
    {
        var x = Tensor<double>.RandomNormal(4, 0, 1, 6, 5);
        var dropout = new Dropout<double>(0.5, seed: 1);
        var start = dropout.Generator.SaveState(); // every evaluation draws the same mask
        Assert.Contains(0.0, dropout.Forward(x).ToArray());
        GradCheck.Check("dropout", xs => { dropout.Generator.LoadState(start); return dropout.Forward(xs[0]); }, [x]);
    }

    [Fact]
    public void PlanAndGraphTrainTheSameWithTheSameSeed()
    {
        var data = Generate.Spirals<double>(perClass: 20, classes: 3, seed: 1);
        var options = new TrainOptions { Epochs = 3, BatchSize = 8, Seed = 9 };
        var (planned, _) = PlanGraphTwins.TrainAlike(() => Mlp.Create<double>([2, 16, 8, 3], Activation.Tanh, seed: 5, dropout: [0.3, 0.1]), data, options);
        Assert.Equal(2, planned.Layers.OfType<Dropout<double>>().Count());
        // and dropout made a difference: the same network without it ends elsewhere
        var plain = Mlp.Create<double>([2, 16, 8, 3], Activation.Tanh, seed: 5);
        Trainer.Fit(plain, new CrossEntropy(), new Sgd<double>(plain.Parameters(), 0.1), data, options);
        Assert.NotEqual(plain.Parameters().First().ToArray(), planned.Parameters().First().ToArray());
    }
}
