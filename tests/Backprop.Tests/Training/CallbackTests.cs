using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class CallbackTests
{
    private static EpochReport Epoch(int epoch, double validationLoss) =>
        new(epoch, 100, 1, null, new Metrics(validationLoss, null, null, null, null), 1, TimeSpan.Zero);

    /// <summary>Feeds early stopping a scripted validation loss per epoch; the parameter's value is the epoch number, to see which epoch comes back.</summary>
    private static (int LastEpoch, TrainingContext Context, double Weight) Script(ITrainingCallback stopping, params double[] losses)
    {
        var w = Tensor.From(0.0);
        w.RequiresGrad = true;
        var context = new TrainingContext<double>(new Dense<double>(1, 1, seed: 1), new Sgd<double>([w]), hasValidation: true);
        var model = (Dense<double>)context.Model;
        stopping.OnTrainBegin(context);
        int epoch = 0;
        while (!context.StopRequested && epoch < losses.Length)
        {
            epoch++;
            model.W.Span.Fill(epoch);
            stopping.OnEpochEnd(Epoch(epoch, losses[epoch - 1]), context);
        }
        stopping.OnTrainEnd(context);
        return (epoch, context, model.W.Span[0]);
    }

    [Fact]
    public void EarlyStoppingStopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBest()
    {
        var (last, context, weight) = Script(new EarlyStopping(patience: 2), 1.0, 0.8, 0.79, 0.85, 0.9, 0.1);
        Assert.Equal(5, last);                 // best at 3, then two epochs without improvement
        Assert.True(context.StopRequested);
        Assert.Equal(3, context.RestoredEpoch);
        Assert.Equal(3, weight);
    }

    [Fact]
    public void EarlyStoppingCountsOnlyImprovementsLargerThanMinDelta()
    {
        var stopping = new EarlyStopping(patience: 2, minDelta: 0.05);
        var (last, context, weight) = Script(stopping, 1.0, 0.8, 0.79, 0.85, 0.9, 0.1);
        Assert.Equal(4, last);                 // 0.79 is not 0.05 better than 0.8
        Assert.Equal((2, 4), (stopping.BestEpoch, stopping.StoppedEpoch!.Value));
        Assert.Equal(2, context.RestoredEpoch);
        Assert.Equal(2, weight);
    }

    [Fact]
    public void EarlyStoppingWithoutRestoreKeepsTheLastWeights()
    {
        var (_, context, weight) = Script(new EarlyStopping(patience: 1, restoreBestWeights: false), 1.0, 2.0);
        Assert.True(context.StopRequested);
        Assert.Null(context.RestoredEpoch);
        Assert.Equal(2, weight);
    }

    [Fact]
    public void EarlyStoppingRestoresNothingWhenTheLastEpochIsBest()
    {
        var (last, context, weight) = Script(new EarlyStopping(patience: 2), 3, 2, 1);
        Assert.Equal(3, last);
        Assert.False(context.StopRequested);
        Assert.Null(context.RestoredEpoch);
        Assert.Equal(3, weight);
    }

    private sealed class Recorder(int stopAfterEpoch) : ITrainingCallback
    {
        public List<string> Calls { get; } = [];

        public void OnTrainBegin(TrainingContext context) => Calls.Add("begin");

        public void OnStepEnd(StepReport step, TrainingContext context) => Calls.Add($"step {step.Epoch}.{step.Step}/{step.Steps}");

        public void OnEpochEnd(EpochReport epoch, TrainingContext context)
        {
            Calls.Add($"epoch {epoch.Epoch}");
            if (epoch.Epoch == stopAfterEpoch) context.StopTraining();
        }

        public void OnTrainEnd(TrainingContext context) => Calls.Add("end");
    }

    [Fact]
    public void FitCallsEveryCallbackInOrderAndStopsWhenAsked()
    {
        var data = Generate.Moons<double>(count: 40, seed: 1);
        var model = Mlp.Create<double>([2, 4, 2], Activation.Tanh, seed: 1);
        var recorder = new Recorder(stopAfterEpoch: 2);
        var lambdas = new List<string>();
        var fit = Trainer.Fit(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 0.1), data, new TrainOptions
        {
            Epochs = 5, BatchSize = 16, Seed = 1, Callbacks = [recorder],
            OnStep = s => lambdas.Add($"step {s.Epoch}.{s.Step}"), OnEpoch = e => lambdas.Add($"epoch {e.Epoch}"),
        });
        Assert.Equal(["begin", "step 1.1/3", "step 1.2/3", "step 1.3/3", "epoch 1", "step 2.1/3", "step 2.2/3", "step 2.3/3", "epoch 2", "end"], recorder.Calls);
        Assert.Equal(["step 1.1", "step 1.2", "step 1.3", "epoch 1", "step 2.1", "step 2.2", "step 2.3", "epoch 2"], lambdas);
        Assert.True(fit.StoppedEarly);
        Assert.Equal([1, 2], fit.History.Select(h => h.Epoch));
        Assert.Null(fit.RestoredEpoch);
    }

    [Fact]
    public void ACallbackCanChangeTheLearningRate()
    {
        var data = Generate.Moons<double>(count: 40, seed: 1);
        var model = Mlp.Create<double>([2, 4, 2], Activation.Tanh, seed: 1);
        var sgd = new Sgd<double>(model.Parameters(), 0.1);
        Trainer.Fit(model, new CrossEntropy(), sgd, data, new TrainOptions { Epochs = 3, Callbacks = [new Halving()] });
        Assert.Equal(0.1 / 8, sgd.LearningRate, 15);
    }

    [Fact]
    public void UserCodeRunsAsALambdaCallbackWithTheContext()
    {
        var data = Generate.Moons<double>(count: 40, seed: 1);
        var model = Mlp.Create<double>([2, 4, 2], Activation.Tanh, seed: 1);
        var sgd = new Sgd<double>(model.Parameters(), 0.1);
        var seen = new List<string>();
        var user = new LambdaCallback(
            onEpochEnd: (e, context) => { context.LearningRate *= 0.5; if (e.Epoch == 2) context.StopTraining(); },
            onEpochBegin: (epoch, context) => seen.Add($"begin {epoch} at {context.LearningRate}"),
            onTrainEnd: _ => seen.Add("end"));
        var fit = Trainer.Fit(model, new CrossEntropy(), sgd, data, new TrainOptions { Epochs = 5, BatchSize = 40, Callbacks = [user] });
        Assert.Equal(["begin 1 at 0.1", "begin 2 at 0.05", "end"], seen);
        Assert.Equal(2, fit.History.Count);
        Assert.Equal(0.025, sgd.LearningRate, 15);
    }

    private sealed class Halving : ITrainingCallback
    {
        public void OnEpochEnd(EpochReport epoch, TrainingContext context) => context.LearningRate /= 2;
    }

    [Fact]
    public void PatienceNeedsAValidationSet()
    {
        var data = Generate.Moons<double>(count: 40, seed: 1);
        var model = Mlp.Create<double>([2, 4, 2], Activation.Tanh, seed: 1);
        var e = Assert.Throws<ArgumentException>(() =>
            Trainer.Fit(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 0.1), data, new TrainOptions { Patience = 3 }));
        Assert.Contains("validation set", e.Message);
    }

    [Fact]
    public void GradientFlowObservesEveryStepAsACallback()
    {
        var data = Generate.Moons<double>(count: 40, seed: 1);
        var model = Mlp.Create<double>([2, 4, 3, 2], Activation.Tanh, seed: 1);
        var flow = new GradientFlow<double>(model);
        var observed = new List<double>();
        Trainer.Fit(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 0.1), data, new TrainOptions
        {
            Epochs = 1, BatchSize = 40, Shuffle = false, Callbacks = [flow],
            OnStep = _ => observed.Add(System.Numerics.Tensors.TensorPrimitives.Norm<double>(model.Parameters().First().Grad!.Span)),
        });
        Assert.Equal(3, flow.LastEpoch.Count);
        Assert.Equal(observed[0], flow.LastEpoch[0].Norm, 14); // one full-batch step: the epoch's mean is that step's norm
    }
}
