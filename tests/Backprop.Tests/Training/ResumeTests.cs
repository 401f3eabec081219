using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;
using Backprop.Tests.Support;

namespace Backprop.Tests.Training;

/// <summary>A run interrupted at any step and resumed from its checkpoint ends with the same bits as the run left alone.</summary>
public class ResumeTests : TempDirTest
{
    private const int Epochs = 4, StepsPerEpoch = 5; // 38 rows in batches of 8: four full, one of 6

    internal static Dataset<float> Data(int rows = 38)
    {
        var rng = new Rng(11);
        var x = Tensor<float>.FromArray([.. Enumerable.Range(0, rows * 3).Select(_ => (float)rng.Normal())]).Reshape(rows, 3);
        var y = Tensor<float>.FromArray([.. Enumerable.Range(0, rows).Select(i => (float)(i % 3))]);
        return new Dataset<float>(x, y, 3);
    }

    // A fresh run set up the same way each time: batch norm, dropout, the optimizer named, a schedule and a plateau watcher.
    private static (Sequential<float> Model, Optimizer<float> Optimizer, TrainOptions Options) Setup(string optimizer, ITrainingCallback probe)
    {
        var model = Mlp.Create<float>([3, 8, 6, 3], Activation.Relu, seed: 5, dropout: [0.25], batchNorm: true);
        Optimizer<float> opt = optimizer switch
        {
            "sgd" => new Sgd<float>(model.Parameters(), 0.05),
            "momentum" => new Sgd<float>(model.Parameters(), 0.05, momentum: 0.9),
            _ => new Adam<float>(model.Parameters(), 0.01),
        };
        LearningRateSchedule schedule = optimizer == "adam" ? new OneCycleLR(0.02, Epochs * StepsPerEpoch) : new StepLR(2, 0.5);
        var options = new TrainOptions
        {
            Epochs = Epochs, BatchSize = 8, Seed = 7,
            Callbacks = [schedule, new ReduceLROnPlateau(MonitoredMetric.Loss, patience: 1), new EarlyStopping(3, monitor: MonitoredMetric.Loss), probe],
        };
        return (model, opt, options);
    }

    private static float[] Weights(Module<float> model) => [.. model.Parameters().SelectMany(p => p.ToArray()),
        .. model.Children.Select(c => c.Module).OfType<BatchNorm1d<float>>().SelectMany(b => b.RunningMean.ToArray().Concat(b.RunningVar.ToArray()))];

    private static LambdaCallback StopAt(int step) => new(onStepEnd: (s, context) =>
    {
        if ((s.Epoch - 1) * s.Steps + s.Step == step) context.Interrupt();
    });

    [Theory]
    [InlineData("sgd", 1)]
    [InlineData("sgd", 5)]
    [InlineData("momentum", 3)]
    [InlineData("momentum", 10)]
    [InlineData("adam", 7)]
    [InlineData("adam", 15)]
    [InlineData("adam", 20)]
    public void InterruptedAndResumedEqualsStraight(string optimizer, int stopStep)
    {
        var (straight, straightOptimizer, straightOptions) = Setup(optimizer, StopAt(-1));
        Trainer.Fit(straight, new CrossEntropy(), straightOptimizer, Data(), straightOptions);

        var (first, firstOptimizer, firstOptions) = Setup(optimizer, StopAt(stopStep));
        var interrupted = Trainer.Fit(first, new CrossEntropy(), firstOptimizer, Data(),
            firstOptions with { Checkpoints = new CheckpointOptions(Dir.Root) { EveryEpochs = 1 } });
        Assert.True(interrupted.Interrupted);
        Assert.NotNull(interrupted.LastCheckpoint);
        Assert.NotEqual(Weights(straight), Weights(first));

        var checkpoint = CheckpointDirectory.Newest(Dir.Root);
        Assert.Equal(((stopStep - 1) / StepsPerEpoch + 1, (stopStep - 1) % StepsPerEpoch + 1), (checkpoint.Epoch, checkpoint.Step));
        var (resumed, resumedOptimizer, resumedOptions) = Setup(optimizer, StopAt(-1));
        var rest = Trainer.Fit(resumed, new CrossEntropy(), resumedOptimizer, Data(), resumedOptions with { ResumeFrom = checkpoint });
        Assert.False(rest.Interrupted);
        Assert.Equal(Epochs, rest.History[^1].Epoch);
        Assert.Equal(Weights(straight), Weights(resumed)); // float equality: bit for bit for these finite values
        Assert.Equal(straightOptimizer.LearningRate, resumedOptimizer.LearningRate);
    }

    [Fact]
    public void LbfgsInterruptedAfterAnEpochAndResumedEqualsStraight() // one full-batch step an epoch; its history is the state
    {
        (Sequential<float>, Lbfgs<float>) Setup() { var m = Mlp.Create<float>([3, 8, 3], Activation.Tanh, seed: 5); return (m, new Lbfgs<float>(m.Parameters())); }
        var options = new TrainOptions { Epochs = Epochs, BatchSize = 8, Seed = 7 };
        var (straight, straightOptimizer) = Setup();
        Trainer.Fit(straight, new CrossEntropy(), straightOptimizer, Data(), options);
        var (first, firstOptimizer) = Setup();
        var interrupted = Trainer.Fit(first, new CrossEntropy(), firstOptimizer, Data(),
            options with { Callbacks = [StopAt(2)], Checkpoints = new CheckpointOptions(Dir.Root) });
        Assert.True(interrupted.Interrupted);
        Assert.NotEqual(Weights(straight), Weights(first));
        var (resumed, resumedOptimizer) = Setup();
        Trainer.Fit(resumed, new CrossEntropy(), resumedOptimizer, Data(), options with { ResumeFrom = CheckpointDirectory.Newest(Dir.Root) });
        Assert.Equal(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void ResumingFromAnOlderCheckpointDropsTheAbandonedLaterOnes()
    {
        var (first, firstOptimizer, options) = Setup("momentum", StopAt(-1));
        Trainer.Fit(first, new CrossEntropy(), firstOptimizer, Data(), options with { Checkpoints = new CheckpointOptions(Dir.Root) });
        Assert.Equal(["e000003", "e000004", "e000005"], CheckpointDirectory.Files(Dir.Root).Select(f => Path.GetFileName(f)[11..18]));
        var (resumed, resumedOptimizer, resumedOptions) = Setup("momentum", StopAt(-1));
        Trainer.Fit(resumed, new CrossEntropy(), resumedOptimizer, Data(), resumedOptions with
        {
            ResumeFrom = Checkpoint.Load(CheckpointDirectory.Files(Dir.Root)[0]), Epochs = 3, Checkpoints = new CheckpointOptions(Dir.Root),
        });
        // the new epoch-3 checkpoint is the newest; the old run's epochs 4 and 5 would otherwise shadow it
        Assert.Equal(["e000003", "e000004"], CheckpointDirectory.Files(Dir.Root).Select(f => Path.GetFileName(f)[11..18]));
        Assert.Equal(4, CheckpointDirectory.Newest(Dir.Root).Epoch);
    }

    [Fact]
    public void AnotherBatchSizeCannotResumeTheRun() // its step would start at another row of the shuffled order
    {
        var (first, firstOptimizer, options) = Setup("momentum", StopAt(-1));
        Trainer.Fit(first, new CrossEntropy(), firstOptimizer, Data(), options with { Epochs = 1, Checkpoints = new CheckpointOptions(Dir.Root) });
        var (resumed, resumedOptimizer, resumedOptions) = Setup("momentum", StopAt(-1));
        var e = Assert.Throws<BackpropException>(() => Trainer.Fit(resumed, new CrossEntropy(), resumedOptimizer, Data(),
            resumedOptions with { BatchSize = 9, ResumeFrom = CheckpointDirectory.Newest(Dir.Root) }));
        Assert.EndsWith("the run took 8 rows a step and 5 steps an epoch; this one takes 9 and 5 (another batch size, drop-last or optimizer): resume with the run's own settings.", e.Message);
    }

    [Fact]
    public void EpochCheckpointsResumeAtTheNextEpochAndKeepTheNewest()
    {
        var (straight, straightOptimizer, options) = Setup("momentum", StopAt(-1));
        Trainer.Fit(straight, new CrossEntropy(), straightOptimizer, Data(), options);
        var (first, firstOptimizer, firstOptions) = Setup("momentum", StopAt(-1));
        Trainer.Fit(first, new CrossEntropy(), firstOptimizer, Data(), firstOptions with { Epochs = 2, Checkpoints = new CheckpointOptions(Dir.Root) { Keep = 1 } });
        var only = Assert.Single(CheckpointDirectory.Files(Dir.Root));
        Assert.EndsWith("checkpoint-e000003-s000000.safetensors", only);
        var (resumed, resumedOptimizer, resumedOptions) = Setup("momentum", StopAt(-1));
        Trainer.Fit(resumed, new CrossEntropy(), resumedOptimizer, Data(), resumedOptions with { ResumeFrom = Checkpoint.Load(only) });
        Assert.Equal(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void ADamagedNewestCheckpointFallsBackToThePrevious()
    {
        var (model, optimizer, options) = Setup("adam", StopAt(-1));
        Trainer.Fit(model, new CrossEntropy(), optimizer, Data(), options with { Epochs = 3, Checkpoints = new CheckpointOptions(Dir.Root) });
        var files = CheckpointDirectory.Files(Dir.Root);
        Assert.Equal(3, files.Count);
        var bytes = File.ReadAllBytes(files[^1]);
        bytes[^5] ^= 0x10; // one bit of the data
        File.WriteAllBytes(files[^1], bytes);
        Assert.Equal(ErrorKind.Input, Assert.Throws<BackpropException>(() => Checkpoint.Load(files[^1])).Kind);
        var newest = CheckpointDirectory.Newest(Dir.Root);
        Assert.Equal(files[^2], newest.Path);
        Assert.Contains("checksum", Assert.Single(newest.Skipped));

        File.WriteAllBytes(files[^2], File.ReadAllBytes(files[^2])[..100]); // truncated
        Assert.Equal(files[^3], CheckpointDirectory.Newest(Dir.Root).Path);
        File.WriteAllText(files[^3], "not a checkpoint");
        var none = Assert.Throws<BackpropException>(() => CheckpointDirectory.Newest(Dir.Root));
        Assert.Contains("no checkpoint loads", none.Message);
    }

    [Fact]
    public void ACheckpointOfAnotherModelIsRefusedByName()
    {
        var (model, optimizer, options) = Setup("sgd", StopAt(-1));
        Trainer.Fit(model, new CrossEntropy(), optimizer, Data(), options with { Epochs = 1, Checkpoints = new CheckpointOptions(Dir.Root) });
        var other = Mlp.Create<float>([3, 9, 6, 3], Activation.Relu, seed: 5, dropout: [0.25], batchNorm: true);
        var e = Assert.Throws<BackpropException>(() => Trainer.Fit(other, new CrossEntropy(), new Sgd<float>(other.Parameters(), 0.05), Data(),
            options with { ResumeFrom = CheckpointDirectory.Newest(Dir.Root) }));
        Assert.Equal(ErrorKind.Input, e.Kind);
        Assert.Contains("layer1.w", e.Message);
    }
}
