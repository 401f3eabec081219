using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Training;

/// <summary>A NaN or infinity in a step stops training naming the epoch, step and parameter, or skips the batch when asked.</summary>
public class DivergenceTests : TempDirTest
{
    private static Sequential<float> Model(bool batchNorm = false) => Mlp.Create<float>([3, 8, 6, 3], Activation.Relu, seed: 5, batchNorm: batchNorm);

    [Fact]
    public void APoisonedWeightStopsNamingEpochStepAndLayerAndKeepsTheLastGoodCheckpoint()
    {
        var model = Model();
        var poison = new LambdaCallback(onStepEnd: (s, _) =>
        {
            if (s.Epoch == 2 && s.Step == 2) model.NamedParameters().Single(p => p.Name == "layer2.w").Value.Span[3] = float.NaN;
        });
        var e = Assert.Throws<BackpropException>(() => Trainer.Fit(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.05), ResumeTests.Data(),
            new TrainOptions { Epochs = 3, BatchSize = 8, Callbacks = [poison], Checkpoints = new CheckpointOptions(Dir.Root) }));
        Assert.Equal(ErrorKind.Training, e.Kind);
        Assert.Contains("epoch 2, step 3", e.Message);
        Assert.Contains("parameter layer2.w holds NaN", e.Message);
        Assert.Contains("smaller learning rate", e.Message);
        var kept = CheckpointDirectory.Newest(Dir.Root);
        Assert.Equal((2, 0), (kept.Epoch, kept.Step));
    }

    [Fact]
    public void AnInfiniteRowStopsAtItsStepNamingTheGradientNearestTheOutput()
    {
        var data = ResumeTests.Data();
        data.X.Span[4 * 3 + 1] = float.PositiveInfinity;
        var model = Model();
        var e = Assert.Throws<BackpropException>(() => Trainer.Fit(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.05), data,
            new TrainOptions { Epochs = 2, BatchSize = 8, Shuffle = false }));
        Assert.Contains("epoch 1, step 1", e.Message);
        Assert.Contains("the gradient of layer3.", e.Message);
        Assert.All(model.Parameters(), p => Assert.All(p.ToArray(), v => Assert.True(float.IsFinite(v)))); // the bad update was not applied
    }

    [Fact]
    public void SkipLeavesOutTheBadBatchAndItsBatchNormStatistics()
    {
        var data = ResumeTests.Data();
        data.X.Span[4 * 3 + 1] = float.NaN;
        var model = Model(batchNorm: true);
        var optimizer = new Adam<float>(model.Parameters(), 0.01);
        var fit = Trainer.Fit(model, new CrossEntropy(), optimizer, data,
            new TrainOptions { Epochs = 3, BatchSize = 8, Seed = 2, OnNonFinite = NonFinitePolicy.Skip, DropLast = true });
        Assert.All(fit.History, e => Assert.Equal(1, e.SkippedSteps));
        Assert.All(fit.History, e => Assert.True(double.IsFinite(e.Loss)));
        Assert.Equal(3 * 3, optimizer.Steps); // four batches an epoch, one skipped
        var norms = model.Children.Select(c => c.Module).OfType<BatchNorm1d<float>>().ToList();
        Assert.All(norms, n => Assert.All(n.RunningMean.ToArray(), v => Assert.True(float.IsFinite(v))));
        Assert.True(double.IsFinite(Trainer.Evaluate(model, new CrossEntropy(), ResumeTests.Data()).Loss));
    }
}
