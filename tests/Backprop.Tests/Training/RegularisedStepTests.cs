using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class RegularisedStepTests
{
    [Fact]
    public void AStepWithDropoutBatchNormL1AndClippingStaysOnThePlanAndAllocatesNothing()
    {
        const int batch = 64;
        var x = Tensor<float>.RandomNormal(1, 0, 1, batch, 784).ToArray();
        var y = Enumerable.Range(0, batch).Select(i => (float)(i * 7 % 10)).ToArray();
        var model = Mlp.Create<float>([784, 128, 10], Activation.Relu, seed: 3, dropout: [0.2], batchNorm: true);
        Assert.Contains(model.Layers, l => l is Dropout<float>);
        Assert.Contains(model.Layers, l => l is BatchNorm1d<float>);
        var step = new TrainingStep<float>(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.01), batch,
            new TrainOptions { L1 = 1e-5, ClipNorm = 1, ClipValue = 0.5 });
        Assert.True(step.IsPlanned);
        for (int i = 0; i < 200; i++) step.Run(x, y, batch); // warm up: JIT tiers, buffers made on the first step

        // This thread's allocations (other test classes run in parallel); the least of three runs of 100 steps.
        long perHundred = Enumerable.Range(0, 3).Min(_ =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++) step.Run(x, y, batch);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        Assert.Equal(0, perHundred);
    }
}
