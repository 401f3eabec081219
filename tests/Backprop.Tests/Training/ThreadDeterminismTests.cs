using Backprop.Data;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

[CollectionDefinition(nameof(KernelSettingsCollection), DisableParallelization = true)]
public sealed class KernelSettingsCollection;

/// <summary>Threads split only output tiles, never the sum over k: a whole training run has the same bits on 1 and 2 threads.</summary>
[Collection(nameof(KernelSettingsCollection))]
public class ThreadDeterminismTests
{
    private static float[] TrainAndReadWeights(int threads)
    {
        int saved = ComputeSettings.Threads;
        long parallel = KernelSettings.ParallelMinMultiplyAdds, wake = KernelSettings.WakeMinMultiplyAdds;
        ComputeSettings.Threads = threads;
        KernelSettings.ParallelMinMultiplyAdds = 0; // every product that can be split is split
        KernelSettings.WakeMinMultiplyAdds = 0;
        try
        {
            var labels = Tensor<float>.FromArray([.. Enumerable.Range(0, 512).Select(i => (float)(i * 7 % 10))]);
            var data = new Dataset<float>(Tensor<float>.RandomNormal(1, 0, 1, 512, 200), labels, 10);
            var model = Mlp.Create<float>([200, 96, 48, 10], Activation.Relu, seed: 2);
            Trainer.Fit(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.05), data,
                new TrainOptions { Epochs = 3, BatchSize = 64, Seed = 3 });
            return [.. model.Parameters().SelectMany(p => p.ToArray())];
        }
        finally
        {
            ComputeSettings.Threads = saved;
            KernelSettings.ParallelMinMultiplyAdds = parallel;
            KernelSettings.WakeMinMultiplyAdds = wake;
        }
    }

    [Fact]
    public void OneAndTwoThreadsGiveTheSameBits()
    {
        // A worker that wakes late leaves every chunk to the caller; run again until it really took part.
        float[] two = [];
        bool workerRan = false;
        for (int attempt = 0; attempt < 10 && !workerRan; attempt++)
        {
            long before = WorkerPool.ChunksRunOnWorkers;
            two = TrainAndReadWeights(2);
            workerRan = WorkerPool.ChunksRunOnWorkers > before;
        }
        Assert.True(workerRan, "the two-thread run never used the worker");
        var one = TrainAndReadWeights(1);
        Assert.Equal(one.Length, two.Length);
        for (int i = 0; i < one.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(one[i]) == BitConverter.SingleToInt32Bits(two[i]), $"weight {i}: {one[i]} vs {two[i]}");
    }

    [Fact]
    public void SettingsRefuseNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeSettings.Threads = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => ComputeSettings.MaxVectorBits = 300);
        Assert.Contains(ComputeSettings.HardwareVectorBits, new[] { 128, 256, 512 });
    }
}
