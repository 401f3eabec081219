using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Nn;

namespace Backprop.Training;

/// <summary>
/// A model compiled once into its root <see cref="LayerStep{T}"/> (a <see cref="Sequential{T}"/>'s chains its children's): forward, loss and backward run straight through the layers' kernels on buffers allocated once, with no graph,
/// so a step, an evaluation or a prediction allocates nothing per row. It computes exactly what the autograd path computes
/// (the same kernels) but overwrites the gradients instead of adding to them.
/// </summary>
public sealed class LayerPlan<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerStep<T> _root;
    private T[]? _gradient; // dL/d(output), made on the first training step
    private T[]? _input;

    private LayerPlan(LayerStep<T> root, int maxRows)
    {
        _root = root;
        MaxRows = maxRows;
    }

    /// <summary>True when every module of <paramref name="model"/> has a step (<see cref="Module{T}.CreateStep"/>);
    /// a model that cannot trains, evaluates and predicts through the autograd graph instead.</summary>
    public static bool CanPlan(Module<T> model) => TryCreate(model, 1) is not null;

    /// <summary>Why <paramref name="model"/> trains, evaluates and predicts through the autograd graph instead of the plan — the module that
    /// has no step, by path (<c>layer2 (Doubling) has no plan step</c>) — or null when the plan runs it. Training, evaluation and prediction
    /// all decide by <see cref="CanPlan"/>, so this one reason holds for each of them.</summary>
    public static string? Unplanned(Module<T> model)
    {
        if (model.InputWidth is null) return $"{model} does not say how wide its input rows are";
        return CanPlan(model) ? null : (Without(model, "") ?? $"{model} has no plan step") + " (Module.CreateStep returns null)";
    }

    // The innermost module without a step, its children first; null when every module under it has one.
    private static string? Without(Module<T> module, string path)
    {
        foreach (var (name, child) in module.Children)
            if (Without(child, path.Length == 0 ? name : $"{path}.{name}") is { } found) return found;
        LayerStep<T>? step;
        try { step = module.CreateStep(module.InputWidth ?? 1, 1); }
        catch (ArgumentException) { return null; } // a width it cannot take alone: its container's matter
        return step is null ? $"{(path.Length == 0 ? "" : path + " ")}({module}) has no plan step".TrimStart() : null;
    }

    /// <summary>
    /// The plan for <paramref name="model"/> with buffers for <paramref name="maxRows"/> rows, or null when a module has no step.
    /// Throws, naming the layer and both shapes, when a layer does not take the rows the one before it gives.
    /// </summary>
    internal static LayerPlan<T>? TryCreate(Module<T> model, int maxRows)
        => model.InputWidth is int width && model.CreateStep(width, maxRows) is { } root ? new LayerPlan<T>(root, maxRows) : null;

    /// <summary>The most rows one call takes.</summary>
    public int MaxRows { get; }

    /// <summary>Values per input row (the first layer's inputs).</summary>
    public int Inputs => _root.Inputs;

    /// <summary>Values per output row (the last layer's outputs).</summary>
    public int Outputs => _root.Outputs;

    /// <summary>Throws unless data with <paramref name="features"/> features fits the first layer.</summary>
    internal void CheckFeatures(int features)
    {
        if (features != Inputs) throw new ArgumentException($"The model takes {Inputs} inputs, but the data has {features} features.");
    }

    /// <summary>A buffer of <see cref="MaxRows"/> input rows, for inputs that must be transformed before the forward pass.</summary>
    internal Span<T> InputBuffer => _input ??= new T[MaxRows * Inputs];

    /// <summary>Runs the forward pass on <paramref name="rows"/> rows of <paramref name="x"/>; returns the last layer's output [rows, outputs].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal Span<T> Forward(ReadOnlySpan<T> x, int rows, bool training)
    {
        if (rows > MaxRows) throw new ArgumentOutOfRangeException(nameof(rows), $"Batch of {rows} exceeds the plan's {MaxRows} rows.");
        _root.Forward(x, rows, training);
        return _root.Output[..(rows * Outputs)];
    }

    /// <summary>
    /// Forward, loss and backward on one batch: every parameter's Grad is overwritten with this batch's gradient.
    /// Returns the loss and the number of rows classified correctly (0 for regression).
    /// </summary>
    internal (T Loss, int Correct) Step(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int rows, Loss loss) => Step(x, y, default, rows, loss);

    /// <summary>
    /// <see cref="Step(ReadOnlySpan{T}, ReadOnlySpan{T}, int, Loss)"/> with the rows weighted by <paramref name="weights"/> (one per row; empty: unweighted),
    /// the loss Σ wᵢ·lᵢ / Σ wᵢ (<see cref="Loss.WeightedValueAndGradient{T}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal (T Loss, int Correct) Step(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> weights, int rows, Loss loss)
    {
        var output = Forward(x, rows, training: true);
        _gradient ??= new T[MaxRows * Outputs];
        var gradient = _gradient.AsSpan(0, rows * Outputs);
        T value = weights.IsEmpty ? loss.ValueAndGradient<T>(output, y, rows, Outputs, gradient)
            : loss.WeightedValueAndGradient<T>(output, y, weights, rows, Outputs, gradient);
        int correct = loss.IsClassification ? Metrics.CountCorrect<T>(loss, output, y, rows, Outputs) : 0;
        _root.Backward(x, gradient, default, rows);
        return (value, correct);
    }
}
