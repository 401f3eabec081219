using System.Diagnostics;
using System.Numerics;
using Backprop.Autograd;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Fit, evaluate and predict: the training loop of forward, loss, backward, update. Writes nothing to the console.</summary>
public static class Trainer
{
    /// <summary>
    /// Trains for <see cref="TrainOptions.Epochs"/> passes of shuffled mini-batches: each step runs the forward pass,
    /// the loss, <c>Backward()</c>, the optimizer's update and clears the gradients; an optimizer that needs a closure (L-BFGS,
    /// <see cref="Optimizer{T}.RequiresClosure"/>) instead takes one step per epoch on the whole training set, ignoring
    /// <see cref="TrainOptions.BatchSize"/>. Each epoch ends with a validation pass when
    /// <paramref name="validation"/> is given. The callbacks of <paramref name="options"/> see every step and epoch and may stop
    /// training. The optimizer keeps its state, so a later call (with <see cref="TrainOptions.InitialEpoch"/>) continues.
    /// </summary>
    public static FitResult Fit<T>(Module<T> model, Loss loss, Optimizer<T> optimizer, Dataset<T> train,
        TrainOptions? options = null, Dataset<T>? validation = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (validation is not null) CheckTask(loss, validation, "validation");
        return FitCore(model, loss, optimizer, train, options ?? new TrainOptions(), validation is null ? null : step => step.Evaluate(validation));
    }

    /// <summary>
    /// The optimizer steps <see cref="Fit{T}"/> takes per epoch on <paramref name="rows"/> training rows: batches of min(batch size, rows),
    /// the last one partial unless <paramref name="dropLast"/>; one for a full-batch optimizer (L-BFGS). A per-step schedule sizes its cycle by it.
    /// </summary>
    public static int StepsPerEpoch(int rows, int batchSize, bool dropLast = false, bool fullBatch = false)
    {
        int batch = Math.Min(batchSize, rows);
        return fullBatch ? 1 : dropLast ? rows / batch : (rows + batch - 1) / batch;
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/>, saying why, unless <paramref name="options"/> are valid and fit <paramref name="optimizer"/> and
    /// <paramref name="model"/>: an optimizer that evaluates the loss itself (L-BFGS) takes no L1 penalty, clipping, dropout or batch norm,
    /// because its line search needs the plain, deterministic loss of the whole training set (batch norm's statistics would
    /// change with every evaluation and, past 4096 rows, with every chunk). <see cref="Fit{T}"/> checks this first; call it to refuse
    /// a run before preparing one.
    /// </summary>
    public static void Check<T>(Module<T> model, Optimizer<T> optimizer, TrainOptions options) where T : unmanaged, IFloatingPointIeee754<T>
    {
        options.Validate();
        if (optimizer.RequiresClosure && (options.L1 != 0 || options.ClipNorm is not null || options.ClipValue is not null || DependsOnTheBatch(model)))
            throw new ArgumentException($"{optimizer.GetType().Name.Split('`')[0]} takes no L1 penalty, gradient clipping, dropout or batch norm: its line search needs the plain loss of the whole training set.");
    }

    /// <summary>
    /// Fit with the validation pass given as <paramref name="validate"/> (e.g. metrics in the targets' own units; it may run on the
    /// training step's own layer plan), and the training
    /// loss reported times <paramref name="lossScale"/> (e.g. σ² to report a squared error on standardised targets in target units).
    /// Each mini-batch is rescaled as it is copied out of <paramref name="train"/>: its features by <paramref name="scaler"/>, its targets by
    /// <paramref name="targetScaler"/> (so raw training data needs no scaled copy); a full-batch optimizer takes <paramref name="train"/> as it is.
    /// </summary>
    internal static FitResult FitCore<T>(Module<T> model, Loss loss, Optimizer<T> optimizer, Dataset<T> train, TrainOptions options,
        Func<TrainingStep<T>, Metrics>? validate, double lossScale = 1, Scaler? scaler = null, Scaler? targetScaler = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(model, optimizer, options);
        CheckTask(loss, train, "training");
        if (train.Count == 0) throw new ArgumentException("Fit: the training set is empty.");
        var callbacks = options.AllCallbacks();
        var context = new TrainingContext<T>(model, optimizer, validate is not null);

        // An optimizer that evaluates the loss itself (L-BFGS) takes one full-batch step per epoch; BatchSize only sizes the validation chunks.
        var fullBatch = optimizer.RequiresClosure ? new FullBatchObjective<T>(model, loss, train) : null;
        int batch = Math.Min(options.BatchSize, train.Count);
        int steps = StepsPerEpoch(train.Count, options.BatchSize, options.DropLast, fullBatch is not null);
        var xBatch = new T[batch * train.Features];
        var yBatch = new T[batch * train.TargetWidth];
        var trainingStep = new TrainingStep<T>(model, loss, optimizer, batch, options);
        trainingStep.Check(train.Features, train.Y, train.Classes);
        foreach (var callback in callbacks) callback.OnTrainBegin(context);
        var run = new RunPosition(options.InitialEpoch + 1, 0, new Rng(options.Seed), [.. Enumerable.Range(0, train.Count)])
        {
            Batching = (fullBatch is null ? batch : train.Count, steps),
        };
        if (options.ResumeFrom is { } resume) run = resume.Restore(model, optimizer, callbacks, train.Count, run.Batching, run.Shuffle);
        else if (options.Shuffle) // continue the shuffling where a run of InitialEpoch epochs with this seed left it
            for (int epoch = 1; epoch <= options.InitialEpoch; epoch++) run.Shuffle.Shuffle(run.Order);
        using var held = options.Checkpoints is { } into ? Hold(into.Directory, run.RunId) : null;
        var history = new List<EpochReport>();
        int lastEpoch = options.InitialEpoch + options.Epochs;
        string? written = null;
        var clock = Stopwatch.StartNew();
        model.Train();
        for (; run.Epoch <= lastEpoch && !context.StopRequested; run.BeginEpoch(run.Epoch + 1))
        {
            int epoch = run.Epoch;
            if (options.Shuffle && run.Step == 0) run.Shuffle.Shuffle(run.Order);
            foreach (var callback in callbacks) callback.OnEpochBegin(epoch, context);
            var (epochStart, seenAtStart) = (clock.Elapsed, run.Seen); // a resumed epoch counts only the rows seen since
            while (run.Step < steps && !context.InterruptRequested)
            {
                int step = run.Step;
                int n = fullBatch is null ? Math.Min(batch, train.Count - step * batch) : train.Count;
                if (fullBatch is null) CopyBatch(train, run.Order.AsSpan(step * batch, n), xBatch, yBatch, scaler, targetScaler);
                var (stepLoss, batchCorrect) = fullBatch?.Step(optimizer)
                    ?? trainingStep.Run(xBatch.AsSpan(0, n * train.Features), yBatch.AsSpan(0, n * train.TargetWidth), n);
                double l = stepLoss * lossScale;
                string? nonFinite = fullBatch is null ? trainingStep.NonFinite : double.IsFinite(l) ? null : $"the loss became {l}";
                if (nonFinite is not null && options.OnNonFinite == NonFinitePolicy.Stop)
                    throw new BackpropException(ErrorKind.Training, $"Training diverged at epoch {epoch}, step {step + 1}: {nonFinite}, so the update was not applied; try a smaller learning rate.");
                if (nonFinite is null) { run.LossSum += l * n; run.Seen += n; run.Correct += batchCorrect; }
                else run.Skipped++;
                run.Step++;
                foreach (var callback in callbacks) callback.OnStepEnd(new StepReport(epoch, step + 1, steps, l), context);
                long done = (long)(epoch - 1) * steps + run.Step;
                bool atEpochCheckpoint = run.Step == steps && options.Checkpoints is { EveryEpochs: > 0 and var each } && epoch % each == 0; // written below
                if (options.Checkpoints is { EverySteps: > 0 and var every } && done % every == 0 && !atEpochCheckpoint || context.InterruptRequested)
                    written = WriteCheckpoint(options, model, optimizer, callbacks, run) ?? written;
            }
            if (context.InterruptRequested) break;
            var seconds = (clock.Elapsed - epochStart).TotalSeconds;
            var validationMetrics = validate?.Invoke(trainingStep);
            model.Train();
            var report = new EpochReport(epoch, lastEpoch, run.Seen == 0 ? double.NaN : run.LossSum / run.Seen,
                loss.IsClassification ? (double)run.Correct / run.Seen : null, validationMetrics,
                (run.Seen - seenAtStart) / Math.Max(seconds, 1e-9), clock.Elapsed) { SkippedSteps = run.Skipped };
            history.Add(report);
            foreach (var callback in callbacks) callback.OnEpochEnd(report, context);
            if (options.Checkpoints is { EveryEpochs: > 0 and var everyEpochs } && epoch % everyEpochs == 0)
            {
                run.BeginEpoch(epoch + 1); // the checkpoint of an epoch's end resumes at the next one's start
                written = WriteCheckpoint(options, model, optimizer, callbacks, run) ?? written;
                run.Epoch = epoch;
            }
        }
        foreach (var callback in callbacks) callback.OnTrainEnd(context);
        return new FitResult(history, context.RestoredEpoch, context.StopRequested && !context.InterruptRequested && (history.Count == 0 || history[^1].Epoch < lastEpoch))
        {
            Interrupted = context.InterruptRequested, LastCheckpoint = written, Position = (run.Epoch, run.Step),
        };
    }

    // Copies the rows at indices into the front of the batch buffers, rescaling them when there are scalers.
    private static void CopyBatch<T>(Dataset<T> train, ReadOnlySpan<int> indices, T[] x, T[] y, Scaler? scaler, Scaler? targetScaler)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        train.CopyRows(indices, x, y);
        var features = x.AsSpan(0, indices.Length * train.Features);
        var targets = y.AsSpan(0, indices.Length * train.TargetWidth);
        scaler?.Transform<T>(features, features);
        targetScaler?.Transform<T>(targets, targets);
    }

    // Locks the checkpoint directory for this run, which must be the only one whose checkpoints it holds.
    private static CheckpointLock Hold(string directory, string runId)
    {
        var held = CheckpointLock.Acquire(directory);
        try { CheckpointDirectory.CheckOwnedBy(directory, runId); }
        catch { held.Dispose(); throw; }
        return held;
    }

    // Writes the run's checkpoint into the options' directory when there is one; returns its path.
    private static string? WriteCheckpoint<T>(TrainOptions options, Module<T> model, Optimizer<T> optimizer, ITrainingCallback[] callbacks, RunPosition run)
        where T : unmanaged, IFloatingPointIeee754<T>
        => options.Checkpoints is { } c
            ? CheckpointDirectory.Write(c.Directory, Checkpoint.Capture(model, optimizer, callbacks, run, c.Metadata), c.Keep)
            : null;

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

    // True when a layer's training output depends on more than its own row: a Dropout with p > 0 (a new mask each call) or a BatchNorm1d.
    private static bool DependsOnTheBatch<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T>
        => model is Dropout<T> { P: > 0 } or BatchNorm1d<T> || model.Children.Any(c => DependsOnTheBatch(c.Module));

    private static void CheckTask<T>(Loss loss, Dataset<T> data, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (loss.Targets == TargetKind.ClassIndices && data.Classes == 0)
            throw new ArgumentException($"The {what} data has no classes (regression targets), but the loss is {loss.Name}; use mse_half or mse_mean.");
        if (!loss.IsClassification && data.Classes > 0 && data.Y.Rank == 1)
            throw new ArgumentException($"The {what} data holds class labels, but the loss {loss.Name} is for regression; use softmax_ce or bce_logits.");
    }
}
