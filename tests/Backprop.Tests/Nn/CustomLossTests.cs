using Backprop.Autograd;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Nn;

/// <summary>A loss defined in this (test) assembly trains, evaluates and predicts like the built-in ones, on the layer plan.</summary>
public class CustomLossTests
{
    // Targets a network can learn: a fixed linear map of the features.
    private static Dataset<double> Regression(int rows)
    {
        var x = Tensor<double>.RandomNormal(11, 0, 1, rows, 3);
        return new(x, x.MatMul(Tensor<double>.RandomNormal(12, 0, 2, 3, 2)));
    }

    [Fact]
    public void HuberGradientMatchesFiniteDifferencesOnBothSidesOfDelta()
    {
        var output = TestData.Normal(21, 2, 6, 2);
        var target = TestData.Normal(22, 1, 6, 2);
        var loss = new HuberLoss(delta: 0.8);
        GradCheck.Check("huber [6, 2]", o => loss.Compute(o, target), output);
        GradCheck.Check("huber through a network", w => loss.Compute(TestData.Normal(23, 1, 6, 3).MatMul(w), target), TestData.Normal(24, 1, 3, 2));
    }

    [Fact]
    public void UnderNoGradOnlyTheValueIsComputed()
    {
        var loss = new HuberLoss();
        var output = TestData.Normal(1, 1, 4, 2);
        output.RequiresGrad = true;
        using (GradMode.NoGrad()) loss.Compute(output, TestData.Normal(2, 1, 4, 2));
        Assert.Equal((1, 0), (loss.ValueCalls, loss.GradientCalls));
        loss.Compute(output, TestData.Normal(2, 1, 4, 2)).Backward();
        Assert.Equal((1, 1), (loss.ValueCalls, loss.GradientCalls));
    }

    [Fact]
    public void HuberTrainsOnTheLayerPlanAndMatchesTheGraph()
    {
        var data = Regression(64);
        var planned = Mlp.Create<double>([3, 8, 2], Activation.Tanh, seed: 2);
        var twin = Mlp.Create<double>([3, 8, 2], Activation.Tanh, seed: 2);
        var graph = new GraphOnly<double>(twin);
        var loss = new HuberLoss(delta: 0.5);
        Assert.True(new TrainingStep<double>(planned, loss, new Sgd<double>(planned.Parameters(), 0.1), 16).IsPlanned);
        Assert.False(new TrainingStep<double>(graph, loss, new Sgd<double>(graph.Parameters(), 0.1), 16).IsPlanned);

        var options = new TrainOptions { Epochs = 20, BatchSize = 16, Seed = 3 };
        var h1 = Trainer.Fit(planned, loss, new Sgd<double>(planned.Parameters(), 0.1), data, options);
        var h2 = Trainer.Fit(graph, loss, new Sgd<double>(graph.Parameters(), 0.1), data, options);

        Assert.True(h1.History[^1].Loss < 0.5 * h1.History[0].Loss, $"loss {h1.History[0].Loss} -> {h1.History[^1].Loss}");
        Assert.Equal(h2.History[^1].Loss, h1.History[^1].Loss, 12);
        var p = planned.Parameters().SelectMany(t => t.ToArray()).ToArray();
        var q = twin.Parameters().SelectMany(t => t.ToArray()).ToArray();
        TestData.AssertClose(q, p, 1e-12, "planned vs graph parameters");
        var metrics = Trainer.Evaluate(planned, loss, data);
        Assert.Equal(Trainer.Evaluate(graph, loss, data).Loss, metrics.Loss, 12);
    }

    [Fact]
    public void ALossThatNeedsMoreOutputsThanTheModelGivesIsRefusedBeforeAnyKernelRuns()
    {
        var model = Mlp.Create<double>([3, 4, 2], Activation.Relu, seed: 1);
        var before = model.Parameters().SelectMany(t => t.ToArray()).ToArray();
        var loss = new HuberLoss(extraOutputs: 1);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(model, loss, new Sgd<double>(model.Parameters(), 0.1), Regression(8)));
        Assert.Contains("huber", e.Message);
        Assert.Contains("[N, 3]", e.Message);
        Assert.Contains("[N, 2]", e.Message);
        Assert.Equal((0, 0), (loss.ValueCalls, loss.GradientCalls));
        Assert.Equal(before, model.Parameters().SelectMany(t => t.ToArray()).ToArray());
    }
}
