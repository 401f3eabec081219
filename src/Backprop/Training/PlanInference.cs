using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// Evaluation and prediction on a <see cref="LayerPlan{T}"/>, in chunks of at most the plan's rows: features are scaled
/// chunk by chunk, metrics streamed, so nothing but the returned result grows with the number of rows.
/// </summary>
internal static class PlanInference
{
    /// <summary>The predictions [rows, outputs] for the rows of <paramref name="x"/> [rows, F]: probabilities or values, mapped back
    /// through <paramref name="targetScaler"/> when there is one. The result is the only allocation.</summary>
    public static Tensor<T> Predict<T>(LayerPlan<T> plan, Loss loss, Tensor<T> x, Scaler? scaler = null, Scaler? targetScaler = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.Rank != 2 || x.Shape[1] != plan.Inputs)
            throw new ArgumentException($"Predict: input {x.Shape} does not fit a model with {plan.Inputs} inputs (want [N, {plan.Inputs}]).");
        int rows = x.Shape[0], k = plan.Outputs;
        var result = new Tensor<T>(new Shape(rows, k));
        for (int start = 0; start < rows; start += plan.MaxRows)
        {
            int n = Math.Min(plan.MaxRows, rows - start);
            var chunk = result.Span.Slice(start * k, n * k);
            Forward(plan, new FeatureRows<T>(x.Data, x.Shape[1], rows), start, n, scaler).CopyTo(chunk);
            loss.ToPredictions(chunk, k);
            targetScaler?.InverseTransform<T>(chunk, chunk);
        }
        return result;
    }

    /// <summary>
    /// The loss (a mean over rows: each chunk weighs by its rows) and accuracy, or MSE, MAE and R², on <paramref name="data"/>
    /// (checked against the plan first). With a <paramref name="targetScaler"/> the model learnt scaled targets: its predictions
    /// are mapped back and the loss and metrics are in the targets' own units.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static Metrics Evaluate<T>(LayerPlan<T> plan, Loss loss, Dataset<T> data, Scaler? scaler = null, Scaler? targetScaler = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        plan.CheckFeatures(data.Features);
        loss.CheckTargets(data.Y, new Shape(data.Count, plan.Outputs));
        var x = data.FeatureRows; // a split's part is read through its rows, not gathered
        var y = data.Y.Span;
        int rows = data.Count, k = plan.Outputs, width = data.TargetWidth;
        var sums = loss.IsClassification ? null : RegressionSums.For(y, width);
        bool multilabel = Metrics.IsMultilabel(loss, k, width);
        var counts = loss.IsClassification && !multilabel ? new ClassCounts(Metrics.ClassesOf(k, data.Classes)) : null;
        var labels = multilabel ? new LabelCounts(k) : null;
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < rows; start += plan.MaxRows)
        {
            int n = Math.Min(plan.MaxRows, rows - start);
            var output = Forward(plan, x, start, n, scaler);
            var target = y.Slice(start * width, n * width);
            if (sums is null)
            {
                lossSum += n * double.CreateTruncating(loss.ValueAndGradient<T>(output, target, n, k, default));
                correct += Metrics.CountCorrect<T>(loss, output, target, n, k);
                if (labels is not null) Metrics.Count<T>(labels, loss, output, target, n, k);
                else Metrics.Count<T>(counts!, loss, output, target, n, k);
                continue;
            }
            if (targetScaler is null) lossSum += n * double.CreateTruncating(loss.ValueAndGradient<T>(output, target, n, k, default));
            loss.ToPredictions(output, k);
            if (targetScaler is not null)
            {
                targetScaler.InverseTransform<T>(output, output);
                lossSum += n * double.CreateTruncating(loss.ValueAndGradient<T>(output, target, n, k, default));
            }
            sums.Add<T>(output, target);
        }
        if (labels is not null) return Metrics.Multilabel(lossSum / rows, labels);
        if (sums is null) return Metrics.Classification(lossSum / rows, (double)correct / rows, counts!);
        return sums.Metrics(lossSum / rows);
    }

    // The plan's raw output for rows [start, start + n) of x (gathered into the plan's input buffer when they are not contiguous),
    // scaled first when a scaler is given.
    private static Span<T> Forward<T>(LayerPlan<T> plan, FeatureRows<T> x, int start, int n, Scaler? scaler) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsContiguous && scaler is null) return plan.Forward(x.Range(start, n, default), n, training: false);
        var buffer = plan.InputBuffer[..(n * plan.Inputs)];
        ReadOnlySpan<T> input = x.Range(start, n, buffer);
        if (scaler is not null)
        {
            scaler.Transform(input, buffer);
            input = buffer;
        }
        return plan.Forward(input, n, training: false);
    }
}
