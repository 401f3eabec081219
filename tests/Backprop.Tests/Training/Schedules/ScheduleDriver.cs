using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training.Schedules;

/// <summary>Runs callbacks through a scripted training without a model: the learning rate each step trained with, epoch by epoch.</summary>
internal static class ScheduleDriver
{
    public static TrainingContext<double> Context(double lr, bool hasValidation = true)
    {
        var w = Tensor.From(0.0);
        w.RequiresGrad = true;
        return new TrainingContext<double>(new Dense<double>(1, 1, seed: 1), new Sgd<double>([w], lr), hasValidation);
    }

    /// <summary>The rate of every step of <paramref name="epochs"/> epochs of <paramref name="steps"/> steps, as the optimizer would see it.</summary>
    public static List<double> Rates(ITrainingCallback callback, double lr, int epochs, int steps = 1, TrainingContext? context = null)
    {
        context ??= Context(lr);
        var rates = new List<double>();
        callback.OnTrainBegin(context);
        for (int e = 1; e <= epochs; e++)
        {
            callback.OnEpochBegin(e, context);
            for (int s = 1; s <= steps; s++)
            {
                rates.Add(context.LearningRate);
                callback.OnStepEnd(new StepReport(e, s, steps, 1), context);
            }
            callback.OnEpochEnd(Epoch(e, 1), context);
        }
        callback.OnTrainEnd(context);
        return rates;
    }

    /// <summary>An epoch report with the given validation loss (and accuracy, R², ... when given).</summary>
    public static EpochReport Epoch(int epoch, double validationLoss, double? accuracy = null, double? r2 = null, double loss = 1) =>
        new(epoch, 100, loss, accuracy, new Metrics(validationLoss, accuracy, r2 is null ? null : 1 - r2, r2 is null ? null : 0.5, r2), 1, TimeSpan.Zero);
}
