using System.Diagnostics;
using System.Numerics;
using Backprop.Autograd;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Fit, evaluate and predict: the training loop of forward, loss, backward, update. Writes nothing to the console.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains for <see cref="TrainOptions.Epochs"/> passes of shuffled mini-batches: each step runs the forward pass,
    /// the loss, <c>Backward()</c>, the optimizer's update and clears the gradients. Returns one report per epoch.
    /// </summary>
    public static IReadOnlyList<EpochReport> Fit<T>(Module<T> model, Loss loss, Optimizer<T> optimizer, Dataset<T> train,
        TrainOptions? options = null, Dataset<T>? validation = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= new TrainOptions();
        options.Validate();
        CheckTask(loss, train, "training");
        if (validation is not null) CheckTask(loss, validation, "validation");
        if (train.Count == 0) throw new ArgumentException("Fit: the training set is empty.");
        if (options.Patience is not null && validation is null) throw new ArgumentException("Fit: early stopping (Patience) needs a validation set.");
        var best = options.Patience is null ? null : new BestParameters<T>(model);

        var rng = new Rng(options.Seed);
        var order = Enumerable.Range(0, train.Count).ToArray();
        int batch = Math.Min(options.BatchSize, train.Count), steps = (train.Count + batch - 1) / batch;
        var xBatch = new T[batch * train.Features];
        var yBatch = new T[batch * train.TargetWidth];
        var trainingStep = new TrainingStep<T>(model, loss, optimizer, batch);
        trainingStep.Check(train.Features, train.Y, train.Classes);
        var history = new List<EpochReport>();
        var clock = Stopwatch.StartNew();
        model.Train();
        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.Shuffle) rng.Shuffle(order);
            var epochStart = clock.Elapsed;
            double lossSum = 0; long correct = 0;
            for (int step = 0; step < steps; step++)
            {
                int n = Math.Min(batch, train.Count - step * batch);
                train.CopyRows(order.AsSpan(step * batch, n), xBatch, yBatch);
                var (l, batchCorrect) = trainingStep.Run(xBatch.AsSpan(0, n * train.Features), yBatch.AsSpan(0, n * train.TargetWidth), n);
                if (!double.IsFinite(l))
                    throw new ArithmeticException($"Training diverged: the loss became {l} at epoch {epoch}, step {step + 1}. Try a smaller learning rate.");
                lossSum += l * n;
                correct += batchCorrect;
                options.OnStep?.Invoke(new StepReport(epoch, step + 1, steps, l));
            }
            var seconds = (clock.Elapsed - epochStart).TotalSeconds;
            var validationMetrics = validation is null ? null : trainingStep.Evaluate(validation);
            model.Train();
            bool stop = best is not null && !best.Offer(validationMetrics!.Loss, epoch) && epoch - best.Epoch >= options.Patience;
            if (stop) best!.Restore();
            var report = new EpochReport(epoch, options.Epochs, lossSum / train.Count,
                loss.IsClassification ? (double)correct / train.Count : null, validationMetrics,
                train.Count / Math.Max(seconds, 1e-9), clock.Elapsed, stop);
            history.Add(report);
            options.OnEpoch?.Invoke(report);
            if (stop) break;
        }
        best?.Restore();
        return history;
    }

    /// <summary>The most rows evaluation and prediction run at once on a layer plan (the plan's buffers hold this many).</summary>
    internal const int ChunkRows = 256;

    /// <summary>
    /// Loss and accuracy (classification) or MSE, MAE and R² (regression) on a data set, in evaluation mode, without recording a graph:
    /// on the layer plan in chunks (nothing grows with the rows), or through the graph for a model the plan cannot express.
    /// </summary>
    public static Metrics Evaluate<T>(Module<T> model, Loss loss, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckTask(loss, data, "evaluation");
        if (data.Count == 0) throw new ArgumentException("Evaluate: the data set is empty.");
        if (LayerPlan<T>.TryCreate(model, Math.Min(data.Count, ChunkRows)) is { } plan) return PlanInference.Evaluate(plan, loss, data);
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            var output = model.Forward(data.X);
            double l = double.CreateTruncating(loss.Compute(output, data.Y).Item);
            var predictions = loss.Predict(output);
            if (loss.IsClassification) return new Metrics(l, Metrics.AccuracyOf(predictions, data.Y), null, null, null);
            var (mse, mae, r2) = Metrics.RegressionOf(predictions, data.Y);
            return new Metrics(l, null, mse, mae, r2);
        }
        finally { model.Train(wasTraining); }
    }

    /// <summary>
    /// What the model says for each row of <paramref name="x"/> [N, F]: class probabilities for classification losses, values for
    /// regression. On the layer plan in chunks (the result is the only allocation that grows with N), else through the graph.
    /// </summary>
    public static Tensor<T> Predict<T>(Module<T> model, Loss loss, Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = x.Rank == 2 ? x.Shape[0] : 1;
        if (rows > 0 && LayerPlan<T>.TryCreate(model, Math.Min(rows, ChunkRows)) is { } plan) return PlanInference.Predict(plan, loss, x);
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var _ = GradMode.NoGrad();
            return loss.Predict(model.Forward(x));
        }
        finally { model.Train(wasTraining); }
    }

    private static void CheckTask<T>(Loss loss, Dataset<T> data, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (loss.Targets == TargetKind.ClassIndices && data.Classes == 0)
            throw new ArgumentException($"The {what} data has no classes (regression targets), but the loss is {loss.Name}; use mse_half or mse_mean.");
        if (!loss.IsClassification && data.Classes > 0 && data.Y.Rank == 1)
            throw new ArgumentException($"The {what} data holds class labels, but the loss {loss.Name} is for regression; use softmax_ce or bce_logits.");
    }
}
