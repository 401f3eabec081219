using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>One layer plan for any stack of plannable layers: the same numbers as the graph, shapes checked up front, and no per-row allocation.</summary>
public class LayerPlanTests
{
    private static Sequential<double> PyTorchStyle(ulong seed) => new(
        new Dense<double>(2, 9, seed: seed), new ActivationLayer<double>(Activation.Relu),
        new Sequential<double>(new Dense<double>(9, 6, Activation.Tanh, seed: seed + 1), new ActivationLayer<double>(Activation.LeakyRelu(0.2))),
        new Dense<double>(6, 3, seed: seed + 2));

    [Fact]
    public void AModelOffThePlanSaysWhichModuleHasNoStep()
    {
        Assert.Null(LayerPlan<double>.Unplanned(PyTorchStyle(1)));
        var model = new Sequential<double>(new Dense<double>(2, 3, seed: 1), new Residual<double>(new GraphOnly<double>(new Dense<double>(3, 3, seed: 2))), new Dense<double>(3, 2, seed: 3));
        Assert.False(LayerPlan<double>.CanPlan(model));
        var why = LayerPlan<double>.Unplanned(model)!;
        Assert.StartsWith("layer2.block (", why, StringComparison.Ordinal);
        Assert.Contains("has no plan step (Module.CreateStep returns null)", why, StringComparison.Ordinal);
    }

    [Fact]
    public void DenseActivationLayerStackTrainsOnThePlanWithTheGraphsParameters()
    {
        var data = Generate.Spirals<double>(perClass: 20, classes: 3, seed: 1);
        var planned = PyTorchStyle(4);
        var twin = PyTorchStyle(4);
        var graph = new GraphOnly<double>(twin);
        var loss = new CrossEntropy();
        Assert.True(LayerPlan<double>.CanPlan(planned));
        Assert.False(LayerPlan<double>.CanPlan(graph));

        var options = new TrainOptions { Epochs = 4, BatchSize = 8, Seed = 9, Patience = 50 };
        var (train, validation) = data.Split(0.25, 2);
        var h1 = Trainer.Fit(planned, loss, new Adam<double>(planned.Parameters(), 0.01), train, options, validation);
        var h2 = Trainer.Fit(graph, loss, new Adam<double>(graph.Parameters(), 0.01), train, options, validation);

        Assert.Equal(h2.History[^1].Loss, h1.History[^1].Loss, 12);
        Assert.Equal(h2.History[^1].Validation!.Loss, h1.History[^1].Validation!.Loss, 12);
        Assert.Equal(h2.History[^1].Validation!.Accuracy, h1.History[^1].Validation!.Accuracy);
        TestData.AssertClose(twin.Parameters().SelectMany(p => p.ToArray()).ToArray(), planned.Parameters().SelectMany(p => p.ToArray()).ToArray(),
            1e-12, "planned vs graph parameters");
        TestData.AssertClose(Trainer.Predict(graph, loss, data.X).ToArray(), Trainer.Predict(planned, loss, data.X).ToArray(), 1e-12, "predictions");
    }

    [Theory]
    [InlineData("bce_logits")]
    [InlineData("mse_mean")]
    public void EvaluateOnThePlanInChunksEqualsTheGraphOnTheWholeSet(string lossName)
    {
        var loss = Loss.Parse(lossName);
        var data = lossName == "bce_logits" ? Generate.Moons<double>(count: 700, seed: 3)
            : new Dataset<double>(Tensor<double>.RandomNormal(1, 0, 1, 700, 2), Tensor<double>.RandomNormal(2, 0, 1, 700, 2));
        var model = Mlp.Create<double>([2, 7, loss.IsClassification ? 1 : 2], Activation.Sigmoid, seed: 5);
        var planned = Trainer.Evaluate(model, loss, data); // 700 rows: chunks of 256, 256, 188
        var graph = Trainer.Evaluate(new GraphOnly<double>(model), loss, data);
        Assert.Equal(graph.Loss, planned.Loss, 12);
        Assert.Equal(graph.Accuracy, planned.Accuracy);
        Assert.Equal(loss.IsClassification, planned.Accuracy is not null);
        Assert.Equal(loss.IsClassification, planned.Mse is null);
        Assert.Equal(graph.Mse ?? 0, planned.Mse ?? 0, 12);
        Assert.Equal(graph.Mae ?? 0, planned.Mae ?? 0, 12);
        Assert.Equal(graph.R2 ?? 0, planned.R2 ?? 0, 12);
    }

    [Fact]
    public void LayersThatDoNotFitAreRefusedNamingTheLayerAndBothShapes()
    {
        var model = new Sequential<double>(new Dense<double>(4, 6), new ActivationLayer<double>(Activation.Relu), new Dense<double>(5, 2));
        var e = Assert.Throws<ArgumentException>(() => new TrainingStep<double>(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 0.1), 8));
        Assert.Contains("Dense(5 -> 2", e.Message);
        Assert.Contains("[N, 5]", e.Message);
        Assert.Contains("[N, 6]", e.Message);
    }

    [Fact]
    public void AModelThePlanCannotExpressTrainsOnTheGraphAndSaysSo()
    {
        var model = new GraphOnly<double>(new Sequential<double>(new Dense<double>(2, 3), new ActivationLayer<double>(Activation.Softmax))); // a module without a step
        var step = new TrainingStep<double>(model, new HalfSquaredError(), new Sgd<double>(model.Parameters(), 0.1), 4);
        Assert.False(step.IsPlanned);
        Assert.False(new Predictor<double>(model, new HalfSquaredError()).IsPlanned);
        Assert.True(double.IsFinite(step.Run(Tensor<double>.Ones(4, 2), Tensor<double>.Zeros(4, 3))));
    }

    [Fact]
    public void SoftmaxLayersRunOnThePlanWithGradientsThatMatchFiniteDifferences()
    {
        var model = new Sequential<double>(new Dense<double>(3, 4, Activation.Tanh, seed: 1), new Dense<double>(4, 3, Activation.Softmax, seed: 2),
            new Dense<double>(3, 3, seed: 3), new ActivationLayer<double>(Activation.Softmax));
        Assert.True(LayerPlan<double>.CanPlan(model));
        var x = Tensor<double>.RandomNormal(4, 0, 1, 5, 3);
        var y = Tensor<double>.RandomNormal(5, 0, 1, 5, 3);
        var report = Backprop.Diagnostics.GradCheck.Run(model, new HalfSquaredError(), x, y);
        Assert.True(report.Passed, report.ToString());
    }

    private static long BytesOf(Action action)
    {
        action(); action(); // warm up: JIT tiers, pools
        long least = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return least;
    }

    public static TheoryData<string> Passes() => new() { "Trainer.Evaluate", "Trainer.Predict", "Network.Evaluate", "Network.Predict", "Predictor.Predict" };

    [Theory]
    [MemberData(nameof(Passes))]
    public void BeyondItsResultAPassAllocatesNothingThatGrowsWithTheRows(string pass)
    {
        long Beyond(int rows)
        {
            var labels = Tensor<float>.FromArray([.. Enumerable.Range(0, rows).Select(i => (float)(i % 10))]);
            var data = new Dataset<float>(Tensor<float>.RandomNormal(1, 0, 1, rows, 64), labels, 10);
            var model = Mlp.Create<float>([64, 32, 10], Activation.Relu, seed: 3);
            var loss = new CrossEntropy();
            var network = new Network<float>(model, loss, Scaler.Fit("standard", data.X));
            var predictor = new Predictor<float>(model, loss, maxBatch: 128);
            long resultBytes = pass.EndsWith("Predict") ? rows * 10 * sizeof(float) : 0;
            Action run = pass switch
            {
                "Trainer.Evaluate" => () => Trainer.Evaluate(model, loss, data),
                "Trainer.Predict" => () => Trainer.Predict(model, loss, data.X),
                "Network.Evaluate" => () => network.Evaluate(data),
                "Network.Predict" => () => network.Predict(data.X),
                _ => () => predictor.Predict(data.X),
            };
            return BytesOf(run) - resultBytes;
        }
        long small = Beyond(1000), large = Beyond(8000);
        // 7000 more rows of 64 features would be 1.8 MB for a copy of the input, 280 kB for one of the output.
        Assert.True(large - small <= 2048, $"{pass}: {small} bytes beyond the result at 1000 rows, {large} at 8000");
    }
}
