using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class FusedStepTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "relu", "softmax_ce" }, { "tanh", "bce_logits" }, { "sigmoid", "mse_half" }, { "leaky_relu:0.1", "mse_mean" },
    };

    /// <summary>Trains one model through the layer plan and its twin through the autograd graph (wrapped in a module the plan does not know).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedTrainingEqualsGraphTraining(string activation, string lossName)
    {
        var loss = Loss.Parse(lossName);
        int outputs = lossName == "softmax_ce" ? 3 : lossName == "bce_logits" ? 1 : 2;
        var data = lossName switch
        {
            "softmax_ce" => Generate.Spirals<double>(perClass: 20, classes: 3, seed: 1),
            "bce_logits" => Generate.Moons<double>(count: 60, seed: 1),
            _ => new Dataset<double>(Tensor<double>.RandomNormal(1, 0, 1, 60, 2), Tensor<double>.RandomNormal(2, 0, 1, 60, 2)),
        };
        var fused = Mlp.Create<double>([2, 7, 5, outputs], Activation.Parse(activation), seed: 5);
        var twin = Mlp.Create<double>([2, 7, 5, outputs], Activation.Parse(activation), seed: 5);
        var graph = new GraphOnly<double>(twin);
        Assert.True(LayerPlan<double>.CanPlan(fused));
        Assert.False(LayerPlan<double>.CanPlan(graph));

        var options = new TrainOptions { Epochs = 3, BatchSize = 8, Seed = 9 };
        var h1 = Trainer.Fit(fused, loss, new Sgd<double>(fused.Parameters(), 0.05), data, options).History;
        var h2 = Trainer.Fit(graph, loss, new Sgd<double>(graph.Parameters(), 0.05), data, options).History;

        Assert.Equal(h2[^1].Loss, h1[^1].Loss, 12);
        Assert.Equal(h2[^1].Accuracy, h1[^1].Accuracy);
        foreach (var ((name, p), (_, q)) in fused.NamedParameters().Zip(twin.NamedParameters()))
            for (int i = 0; i < p.Length; i++)
                Assert.True(Math.Abs(p.Span[i] - q.Span[i]) <= 1e-12 * Math.Max(1, Math.Abs(q.Span[i])), $"{name}[{i}]: {p.Span[i]} vs {q.Span[i]}");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(256)]
    public void SteadyStateStepAllocatesAtMostFourKilobytesWhateverTheBatch(int batch)
    {
        var labels = Tensor<float>.FromArray([.. Enumerable.Range(0, 1024).Select(i => (float)(i * 7 % 10))]);
        var data = new Dataset<float>(Tensor<float>.RandomNormal(1, 0, 1, 1024, 784), labels, 10);
        var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 3);
        var loss = new CrossEntropy();
        var sgd = new Sgd<float>(model.Parameters(), 0.01);
        var options = new TrainOptions { Epochs = 1, BatchSize = batch, Seed = 4 };
        for (int i = 0; i < 3; i++) Trainer.Fit(model, loss, sgd, data, options); // warm up: JIT tiers, buffers

        long Measure(int epochs)
        {
            var o = new TrainOptions { Epochs = epochs, BatchSize = batch, Seed = 4 };
            // This thread's allocations: other test classes run in parallel and allocate too (the bench's W7 counts every thread).
            long before = GC.GetAllocatedBytesForCurrentThread();
            Trainer.Fit(model, loss, sgd, data, o);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        // Fit's own setup (batch buffers, the plan) is paid per call; the difference between 3 epochs and 1 is 2 epochs of steps.
        int stepsPerEpoch = (1024 + batch - 1) / batch;
        double perStep = Enumerable.Range(0, 3).Min(_ => (Measure(3) - Measure(1)) / (2.0 * stepsPerEpoch));
        Assert.True(perStep <= 4096, $"{perStep:F0} bytes per step at batch {batch}");
    }
}
