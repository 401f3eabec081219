using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>
/// One-row predictions back to back (a prediction loop) wake the sleeping worker, which then runs half of the 784×128
/// product's columns; every prediction keeps the bits of one thread.
/// </summary>
[Collection(nameof(WorkerPoolCollection))]
public class GemvWorkerTests
{
    [Fact]
    public void BackToBackOneRowPredictionsRunHalfOnTheWorkerWithTheOneThreadBits()
    {
        var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 1);
        var x = Tensor<float>.RandomNormal(1, 0, 1, 784).ToArray();
        var expected = new float[10];
        using (ComputeSettings.Use(ComputeSettings.Default with { Threads = 1 }))
            new Predictor<float>(model, new CrossEntropy()).Predict(x, expected);

        WorkerRetry.UntilWorkerRan(trace =>
        {
            // the default thresholds (not SplitAlways): what a prediction loop really gets
            using var scope = ComputeSettings.Use(ComputeSettings.Default with { Threads = 2, Trace = trace });
            var predictor = new Predictor<float>(model, new CrossEntropy());
            var output = new float[10];
            Thread.Sleep(5);   // longer than the worker's spin: it starts asleep, and only the loop below can wake it
            for (int i = 0; i < 200; i++)
            {
                predictor.Predict(x, output);
                Assert.True(expected.AsSpan().SequenceEqual(output), $"prediction {i} differs from the one-thread bits");
            }
        }, "a loop of one-row predictions");
    }
}
