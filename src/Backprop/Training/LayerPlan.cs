using System.Numerics;
using Backprop.Nn;

namespace Backprop.Training;

/// <summary>
/// A model compiled once into a chain of <see cref="LayerStep{T}"/>s (one per plannable layer, nested <see cref="Sequential{T}"/>s
/// flattened): forward, loss and backward run straight through the layers' kernels on buffers allocated once, with no graph,
/// so a step, an evaluation or a prediction allocates nothing per row. It computes exactly what the autograd path computes
/// (the same kernels) but overwrites the gradients instead of adding to them.
/// </summary>
public sealed class LayerPlan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerStep<T>[] _steps;
    private T[][]? _gradients; // dL/d(output of step i), made on the first training step
    private T[]? _input;

    private LayerPlan(LayerStep<T>[] steps, int maxRows)
    {
        _steps = steps;
        MaxRows = maxRows;
    }

    /// <summary>True when every layer of <paramref name="model"/> can be planned (Dense, elementwise activation layers, Dropout and
    /// BatchNorm1d, in Sequentials);
    /// a model that cannot trains, evaluates and predicts through the autograd graph instead.</summary>
    public static bool CanPlan(Module<T> model) => TryCreate(model, 1) is not null;

    /// <summary>
    /// The plan for <paramref name="model"/> with buffers for <paramref name="maxRows"/> rows, or null when a layer cannot be planned.
    /// Throws, naming the layer and both shapes, when a layer does not take the rows the one before it gives.
    /// </summary>
    internal static LayerPlan<T>? TryCreate(Module<T> model, int maxRows)
    {
        var layers = new List<IPlannableLayer<T>>();
        if (!Flatten(model, layers) || layers.Count == 0 || layers[0].InputWidth is not int width) return null;
        var steps = new LayerStep<T>[layers.Count];
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i].InputWidth is int wants && wants != width)
                throw new ArgumentException($"Layer {i} ({layers[i]}) takes [N, {wants}], but layer {i - 1} ({layers[i - 1]}) gives [N, {width}].");
            if (layers[i].CreateStep(width, maxRows) is not { } step) return null;
            steps[i] = step;
            width = step.Outputs;
        }
        return new LayerPlan<T>(steps, maxRows);
    }

    private static bool Flatten(Module<T> model, List<IPlannableLayer<T>> layers)
    {
        if (model is IPlannableLayer<T> layer) { layers.Add(layer); return true; }
        if (model is not Sequential<T> sequential) return false;
        foreach (var child in sequential.Layers) if (!Flatten(child, layers)) return false;
        return true;
    }

    /// <summary>The most rows one call takes.</summary>
    public int MaxRows { get; }

    /// <summary>Values per input row (the first layer's inputs).</summary>
    public int Inputs => _steps[0].Inputs;

    /// <summary>Values per output row (the last layer's outputs).</summary>
    public int Outputs => _steps[^1].Outputs;

    /// <summary>Throws unless data with <paramref name="features"/> features fits the first layer.</summary>
    internal void CheckFeatures(int features)
    {
        if (features != Inputs) throw new ArgumentException($"The model takes {Inputs} inputs, but the data has {features} features.");
    }

    /// <summary>A buffer of <see cref="MaxRows"/> input rows, for inputs that must be transformed before the forward pass.</summary>
    internal Span<T> InputBuffer => _input ??= new T[MaxRows * Inputs];

    /// <summary>Runs the forward pass on <paramref name="rows"/> rows of <paramref name="x"/>; returns the last layer's output [rows, outputs].</summary>
    internal Span<T> Forward(ReadOnlySpan<T> x, int rows, bool training)
    {
        if (rows > MaxRows) throw new ArgumentOutOfRangeException(nameof(rows), $"Batch of {rows} exceeds the plan's {MaxRows} rows.");
        ReadOnlySpan<T> input = x;
        foreach (var step in _steps)
        {
            step.Forward(input, rows, training);
            input = step.Output[..(rows * step.Outputs)];
        }
        return _steps[^1].Output[..(rows * Outputs)];
    }

    /// <summary>
    /// Forward, loss and backward on one batch: every parameter's Grad is overwritten with this batch's gradient.
    /// Returns the loss and the number of rows classified correctly (0 for regression).
    /// </summary>
    internal (T Loss, int Correct) Step(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int rows, Loss loss)
    {
        var output = Forward(x, rows, training: true);
        _gradients ??= [.. _steps.Select(s => new T[MaxRows * s.Outputs])];
        int last = _steps.Length - 1;
        T value = loss.ValueAndGradient<T>(output, y, rows, Outputs, _gradients[last].AsSpan(0, rows * Outputs));
        int correct = loss.IsClassification ? Metrics.CountCorrect<T>(loss, output, y, rows, Outputs) : 0;
        for (int i = last; i >= 0; i--)
        {
            var step = _steps[i];
            _steps[i].Backward(i == 0 ? x : _steps[i - 1].Output[..(rows * step.Inputs)], _gradients[i].AsSpan(0, rows * step.Outputs),
                i == 0 ? default : _gradients[i - 1].AsSpan(0, rows * step.Inputs), rows);
        }
        return (value, correct);
    }
}
