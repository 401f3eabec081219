using System.Numerics;
using Backprop.Autograd;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Fit, evaluate and predict: the training loop of forward, loss, backward, update. Writes nothing to the console.</summary>
public static partial class Trainer
{
    /// <summary>
    /// Trains for <see cref="TrainOptions.Epochs"/> passes of shuffled mini-batches: each step runs the forward pass,
    /// the loss, <c>Backward()</c>, the optimizer's update and clears the gradients; an optimizer that needs a closure (L-BFGS,
    /// <see cref="Optimizer{T}.RequiresClosure"/>) instead takes one step per epoch on the whole training set, ignoring
    /// <see cref="TrainOptions.BatchSize"/>. Each epoch ends with a validation pass when
    /// <paramref name="validation"/> is given. The callbacks of <paramref name="options"/> see every step and epoch and may stop
    /// training. The optimizer keeps its state, so a later call (with <see cref="TrainOptions.InitialEpoch"/>) continues.
    /// The mini-batches are read from <paramref name="train"/>: an in-memory <see cref="Dataset{T}"/> (shuffled by the trainer, seeded by
    /// <see cref="TrainOptions.Seed"/>) or any other <see cref="IBatchSource{T}"/>, e.g. a streaming one (an ML.NET cursor) that gives its rows in
    /// its own order; an optimizer that evaluates the loss itself needs a <see cref="Dataset{T}"/>.
    /// </summary>
    public static FitResult Fit<T>(Module<T> model, Loss loss, Optimizer<T> optimizer, IBatchSource<T> train,
        TrainOptions? options = null, Dataset<T>? validation = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (validation is not null) CheckTask(loss, validation.Classes, "validation");
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
    /// The loop of <see cref="Fit{T}"/>, set up and checked but
    /// not yet run: each <see cref="FitLoop{T}.Step"/> takes one optimizer step, so a caller can pause between steps and look at the model
    /// and the batch (the playground does). Running it to the end is exactly <c>Fit</c>.
    /// </summary>
    public static FitLoop<T> Start<T>(Module<T> model, Loss loss, Optimizer<T> optimizer, IBatchSource<T> train,
        TrainOptions? options = null, Dataset<T>? validation = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (validation is not null) CheckTask(loss, validation.Classes, "validation");
        return new FitLoop<T>(model, loss, optimizer, train, options ?? new TrainOptions(), validation is null ? null : step => step.Evaluate(validation), 1, null, null);
    }

    /// <summary>
    /// Fit with the validation pass given as <paramref name="validate"/> (e.g. metrics in the targets' own units; it may run on the
    /// training step's own layer plan), and the training
    /// loss reported times <paramref name="lossScale"/> (e.g. σ² to report a squared error on standardised targets in target units).
    /// Each mini-batch is rescaled as it is read from <paramref name="train"/>: its features by <paramref name="scaler"/>, its targets by
    /// <paramref name="targetScaler"/> (so raw training data needs no scaled copy); a full-batch optimizer takes <paramref name="train"/> as it is.
    /// </summary>
    internal static FitResult FitCore<T>(Module<T> model, Loss loss, Optimizer<T> optimizer, IBatchSource<T> train, TrainOptions options,
        Func<TrainingStep<T>, Metrics>? validate, double lossScale = 1, Scaler? scaler = null, Scaler? targetScaler = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var loop = new FitLoop<T>(model, loss, optimizer, train, options, validate, lossScale, scaler, targetScaler);
        while (loop.Step()) { }
        return loop.Result!;
    }

    /// <summary>The most rows evaluation and prediction run at once on a layer plan (the plan's buffers hold this many).</summary>
    internal const int ChunkRows = 256;

    /// <summary>
    /// Loss and accuracy (classification) or MSE, MAE and R² (regression) on a data set, in evaluation mode, without recording a graph:
    /// on the layer plan in chunks (nothing grows with the rows), or through the graph for a model the plan cannot express.
    /// </summary>
    public static Metrics Evaluate<T>(Module<T> model, Loss loss, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckTask(loss, data.Classes, "evaluation");
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
            if (loss.IsClassification)
            {
                int k = output.Length / data.Count;
                if (Metrics.IsMultilabel(loss, k, data.TargetWidth))
                {
                    var labels = new LabelCounts(k);
                    Metrics.Count<T>(labels, loss, output.Span, data.Y.Span, data.Count, k);
                    return Metrics.Multilabel(l, labels);
                }
                var counts = new ClassCounts(Metrics.ClassesOf(k, data.Classes));
                Metrics.Count<T>(counts, loss, output.Span, data.Y.Span, data.Count, k);
                return Metrics.Classification(l, Metrics.AccuracyOf(predictions, data.Y), counts);
            }
            return Metrics.Regression(l, predictions, data.Y);
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

    // True when a module's training output depends on more than its own row (Module.DependsOnTheBatch: dropout's mask, batch norm's statistics).
    private static bool DependsOnTheBatch<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T>
        => model.DependsOnTheBatch || model.Children.Any(c => DependsOnTheBatch(c.Module));

    internal static void CheckTask(Loss loss, int classes, string what)
    {
        if (loss.Task == TaskKind.Classification && classes == 0)
            throw new ArgumentException($"The {what} data has no classes (regression targets), but the loss is {loss.Name}; use mse_half or mse_mean.");
        if (!loss.IsClassification && classes > 0)
            throw new ArgumentException($"The {what} data holds class labels, but the loss {loss.Name} is for regression; use softmax_ce or bce_logits.");
    }
}
