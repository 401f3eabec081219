using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class ConvergenceTests
{
    [Fact]
    public void XorReachesFullAccuracy()
    {
        var (train, test) = Generate.Xor<float>(count: 200, seed: 1).Split(0.25, seed: 2);
        var model = Mlp.Create<float>([2, 8, 2], Activation.Tanh, seed: 3);
        var loss = new CrossEntropy();
        Trainer.Fit(model, loss, new Sgd<float>(model.Parameters(), 0.5), train, new TrainOptions { Epochs = 30, BatchSize = 16, Seed = 4 });
        Assert.Equal(1.0, Trainer.Evaluate(model, loss, train).Accuracy);
        Assert.Equal(1.0, Trainer.Evaluate(model, loss, test).Accuracy);
    }

    [Fact]
    public void SpiralsReachNinetyFivePercentOnHeldOutData()
    {
        var (train, test) = Generate.Spirals<float>(perClass: 300, classes: 3, seed: 1).Split(0.2, seed: 2);
        var model = Mlp.Create<float>([2, 32, 32, 3], Activation.Relu, seed: 3);
        var loss = new CrossEntropy();
        var history = Trainer.Fit(model, loss, new Sgd<float>(model.Parameters(), 0.2), train, new TrainOptions { Epochs = 200, BatchSize = 32, Seed = 4 });
        var metrics = Trainer.Evaluate(model, loss, test);
        Assert.True(metrics.Accuracy >= 0.95, $"spirals test accuracy {metrics.Accuracy}, last loss {history.History[^1].Loss}");
    }

    [Fact]
    public void SineRegressionReachesRSquaredNinetyFive()
    {
        var (train, test) = Generate.Sine<float>(count: 400, seed: 1).Split(0.25, seed: 2);
        var model = Mlp.Create<float>([1, 32, 32, 1], Activation.Tanh, seed: 3);
        var loss = new HalfSquaredError();
        Trainer.Fit(model, loss, new Sgd<float>(model.Parameters(), 0.1), train, new TrainOptions { Epochs = 200, BatchSize = 16, Seed = 4 });
        var metrics = Trainer.Evaluate(model, loss, test);
        Assert.True(metrics.R2 >= 0.95, $"sine test R² {metrics.R2}");
    }
}
