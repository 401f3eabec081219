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

    // Every optimizer of the toolbox on Dense, BatchNorm1d, Dropout and activation layers (L-BFGS, which takes no dropout or batch norm, on
    // Dense and tanh), a step schedule, a few epochs: the weights and running statistics as bits.
    private static int[] ToolboxRun(string optimizer, int threads, ParallelTrace? trace = null)
    {
        using (ComputeSettings.Use(Compute.Parallel(threads, trace)))
        {
            bool lbfgs = optimizer == "lbfgs";
            var labels = Tensor<float>.FromArray([.. Enumerable.Range(0, 300).Select(i => (float)(i * 7 % 4))]);
            var data = new Dataset<float>(Tensor<float>.RandomNormal(4, 0, 1, 300, 40), labels, 4);
            var model = Mlp.Create<float>([40, 64, 32, 4], lbfgs ? Activation.Tanh : Activation.Relu, seed: 6,
                dropout: lbfgs ? null : [0.2], batchNorm: !lbfgs);
            var options = Optimizers.Defaults(optimizer) with { LearningRate = lbfgs ? 1 : 0.01 };
            Trainer.Fit(model, new CrossEntropy(), options.Create(model.Parameters()), data,
                new TrainOptions { Epochs = 3, BatchSize = 50, Seed = 8, Callbacks = [new Backprop.Training.Schedules.StepLR(1, 0.5)] });
            float[] bits = [.. model.Parameters().SelectMany(p => p.ToArray()),
                .. model.Children.Select(c => c.Module).OfType<BatchNorm1d<float>>().SelectMany(b => b.RunningMean.ToArray().Concat(b.RunningVar.ToArray()))];
            return [.. bits.Select(BitConverter.SingleToInt32Bits)];
        }
    }

    public static TheoryData<string> OptimizerNames => [.. Optimizers.Names.Take(8)]; // the built-in ones

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void EveryOptimizerAndLayerGivesTheSameBitsOnOneTwoAndThreeThreads(string optimizer)
    {
        var one = ToolboxRun(optimizer, 1);
        Assert.Equal(one, ToolboxRun(optimizer, 1)); // and across runs
        int[] two = [];
        WorkerRetry.UntilWorkerRan(trace => two = ToolboxRun(optimizer, 2, trace), "the two-thread run");
        Assert.Equal(one, two);
        Assert.Equal(one, ToolboxRun(optimizer, 3));
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
