using Backprop.Data;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Training;

/// <summary>Threads split only output tiles, never the sum over k: a whole training run has the same bits on 1 and 2 threads.</summary>
[Collection(nameof(WorkerPoolCollection))]
public class ThreadDeterminismTests
{
    private static float[] TrainAndReadWeights(int threads, ParallelTrace? trace = null)
    {
        // Every product that can be split is split, on this thread only: the process default is left alone.
        using (ComputeSettings.Use(Compute.Parallel(threads, trace)))
        {
            var labels = Tensor<float>.FromArray([.. Enumerable.Range(0, 512).Select(i => (float)(i * 7 % 10))]);
            var data = new Dataset<float>(Tensor<float>.RandomNormal(1, 0, 1, 512, 200), labels, 10);
            var model = Mlp.Create<float>([200, 96, 48, 10], Activation.Relu, seed: 2);
            Trainer.Fit(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.05), data,
                new TrainOptions { Epochs = 3, BatchSize = 64, Seed = 3 });
            return [.. model.Parameters().SelectMany(p => p.ToArray())];
        }
    }

    [Fact]
    public void OneAndTwoThreadsGiveTheSameBits()
    {
        float[] two = [];
        WorkerRetry.UntilWorkerRan(trace => two = TrainAndReadWeights(2, trace), "the two-thread run");
        var one = TrainAndReadWeights(1);
        Assert.Equal(one.Length, two.Length);
        for (int i = 0; i < one.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(one[i]) == BitConverter.SingleToInt32Bits(two[i]), $"weight {i}: {one[i]} vs {two[i]}");
    }
}
