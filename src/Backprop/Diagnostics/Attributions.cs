using System.Numerics;
using Backprop.Autograd;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Diagnostics;

/// <summary>What one original column contributed to a row's explained output.</summary>
/// <param name="Column">The original column (its inputs summed).</param>
/// <param name="IntegratedGradients">(x − x₀)·∫₀¹ ∂f/∂x(x₀ + α(x − x₀)) dα over its inputs.</param>
/// <param name="GradientTimesInput">(x − x₀)·∂f/∂x(x) over its inputs.</param>
public sealed record ColumnAttribution(string Column, double IntegratedGradients, double GradientTimesInput);

/// <summary>A row's attributions: the output explained, its value at the row and at the baseline, and each column's share.</summary>
/// <param name="Output">What f is, e.g. <c>p(Iris-setosa)</c> or the target's name.</param>
/// <param name="Value">f(x).</param>
/// <param name="BaselineValue">f(x₀).</param>
/// <param name="Baseline">x₀ in the raw units of the inputs.</param>
/// <param name="BaselineDescription">What x₀ is, in words.</param>
/// <param name="Steps">The trapezoid rule's intervals along the path from x₀ to x.</param>
/// <param name="Columns">Each original column's attributions, in column order.</param>
public sealed record RowAttribution(string Output, double Value, double BaselineValue, IReadOnlyList<double> Baseline, string BaselineDescription, int Steps,
    IReadOnlyList<ColumnAttribution> Columns)
{
    /// <summary>Σ integrated gradients − (f(x) − f(x₀)): 0 for the exact integral (completeness), small for the trapezoid rule.</summary>
    public double CompletenessGap => Columns.Sum(c => c.IntegratedGradients) - (Value - BaselineValue);
}

/// <summary>
/// Attributions of one row's output to its input columns. Integrated gradients (Sundararajan, Taly &amp; Yan 2017): IG_i = (x_i − x₀_i)·∫₀¹
/// ∂f/∂x_i(x₀ + α(x − x₀)) dα, by the trapezoid rule over <c>steps</c> intervals (one batched forward and backward through the model's own
/// graph); they add up to f(x) − f(x₀) (completeness). Gradient × input: (x_i − x₀_i)·∂f/∂x_i(x), the first-order term. Both are taken in the
/// scaled inputs the model sees, where the baseline x₀ is 0 — the training mean under standard scaling (both sums are the same in raw units,
/// as the scaling is per input and linear). f is the predicted class's probability (after the loss's softmax or sigmoid) for classification,
/// the output in the target's units for regression.
/// </summary>
public static class Attributions
{
    /// <summary>The attributions of <paramref name="row"/> (raw features, one row) through <paramref name="network"/> for output
    /// <paramref name="output"/> (default: the predicted class; the first output for regression), with <paramref name="steps"/> trapezoid intervals.
    /// Runs in evaluation mode; clears the parameters' gradients afterwards.</summary>
    public static RowAttribution Explain<T>(Network<T> network, IReadOnlyList<double> row, int? output = null, int steps = 512)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(row);
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), $"Attributions: steps must be at least 1; got {steps}.");
        int f = row.Count;
        var raw = Tensor<T>.FromArray([.. row.Select(T.CreateTruncating)], 1, f);
        var x = network.Scaler?.Transform(raw) ?? raw;
        // the path x₀ + α(x − x₀) with x₀ = 0 in the scaled inputs: α = k/steps, k = 0..steps
        var path = new Tensor<T>(new Shape(steps + 1, f));
        for (int k = 0; k <= steps; k++)
            for (int j = 0; j < f; j++) path.Span[k * f + j] = x.Span[j] * T.CreateTruncating((double)k / steps);
        path.RequiresGrad = true;
        var model = network.Model;
        bool wasTraining = model.IsTraining;
        model.Eval();
        Tensor<T> y;
        int outputs;
        try
        {
            var z = model.Forward(path);
            y = network.Loss.IsClassification && network.Loss.OutputActivation is { } activation ? activation.Apply(z) : z;
            outputs = y.Length / (steps + 1);
            int chosen = output ?? (network.Loss.IsClassification ? Metrics.Classes(y.Detach().Rows([steps]), outputs)[0] : 0);
            if ((uint)chosen >= (uint)Math.Max(outputs, network.Loss.IsClassification ? 2 : 1))
                throw new ArgumentOutOfRangeException(nameof(output), $"Attributions: output {chosen} of {outputs}.");
            bool complement = outputs == 1 && chosen == 0 && network.Loss.IsClassification; // p(class 0) = 1 − σ(z) of a single sigmoid
            var seed = new Tensor<T>(y.Shape);
            for (int k = 0; k <= steps; k++) seed.Span[k * outputs + (outputs == 1 ? 0 : chosen)] = complement ? -T.One : T.One;
            y.Backward(seed);
            double unit = network.TargetScaler is { } ts && !network.Loss.IsClassification ? ts.Scales[chosen] : 1, offset = network.TargetScaler is { } to && !network.Loss.IsClassification ? to.Offsets[chosen] : 0;
            double At(int k) => (complement ? 1 - double.CreateTruncating(y.Span[k]) : double.CreateTruncating(y.Span[k * outputs + (outputs == 1 ? 0 : chosen)])) * unit + offset;
            var grad = path.Grad!.Span;
            var ig = new double[f];
            var gx = new double[f];
            for (int j = 0; j < f; j++)
            {
                double integral = 0;
                for (int k = 0; k <= steps; k++) integral += (k == 0 || k == steps ? 0.5 : 1) * double.CreateTruncating(grad[k * f + j]); // trapezoid rule
                double delta = double.CreateTruncating(x.Span[j]);
                ig[j] = delta * integral / steps * unit;
                gx[j] = delta * double.CreateTruncating(grad[steps * f + j]) * unit;
            }
            var columns = InputColumns.Of(network, f).Select(c => new ColumnAttribution(c.Column, c.Inputs.Sum(i => ig[i]), c.Inputs.Sum(i => gx[i]))).ToList();
            var baseline = network.Scaler?.InverseTransform(new Tensor<T>(new Shape(1, f))) ?? new Tensor<T>(new Shape(1, f));
            return new RowAttribution(OutputName(network, chosen), At(steps), At(0), [.. baseline.ToArray().Select(double.CreateTruncating)], BaselineOf(network), steps, columns);
        }
        finally
        {
            model.Train(wasTraining);
            model.ZeroGrad();
        }
    }

    private static string OutputName<T>(Network<T> network, int output) where T : unmanaged, IFloatingPointIeee754<T> =>
        network.Loss.IsClassification ? $"p({(network.ClassNames is { } names && output < names.Count ? names[output] : output.ToString(System.Globalization.CultureInfo.InvariantCulture))})"
        : network.Metadata.TargetName ?? "the prediction";

    private static string BaselineOf<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T> => network.Scaler is { } scaler
        ? $"every input where the model's {scaler.Kind} scaling puts 0 (for standard scaling, its training mean)"
        : "every input 0 (the model has no scaler recording the training mean)";
}
