using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Nn;

/// <summary>
/// A <see cref="Sequential{T}"/> in a plan: its children's steps in a chain. Forward: Y = fₖ(…f₁(X)); backward from the last step to
/// the first, each step's dL/dX being the dL/dY of the step before (buffers made on the first backward).
/// </summary>
internal sealed class SequenceStep<T> : LayerStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerStep<T>[] _steps;
    private T[][]? _gradients; // dL/d(output of step i), for i < last

    private SequenceStep(LayerStep<T>[] steps, int maxRows) : base(steps[0].Inputs, steps[^1].Outputs, maxRows) => _steps = steps;

    /// <summary>The chain of <paramref name="layers"/>' steps, or null when one has none; throws, naming both layers and shapes, when
    /// a layer does not take the rows the one before it gives.</summary>
    public static SequenceStep<T>? Create(IReadOnlyList<Module<T>> layers, int inputs, int maxRows)
    {
        if (layers.Count == 0) return null;
        var steps = new LayerStep<T>[layers.Count];
        int width = inputs;
        for (int i = 0; i < layers.Count; i++)
        {
            if (layers[i].InputWidth is int wants && wants != width)
                throw new ArgumentException(i == 0
                    ? $"Layer 0 ({layers[0]}) takes [N, {wants}], but the input has [N, {width}]."
                    : $"Layer {i} ({layers[i]}) takes [N, {wants}], but layer {i - 1} ({layers[i - 1]}) gives [N, {width}].");
            if (layers[i].CreateStep(width, maxRows) is not { } step) return null;
            steps[i] = step;
            width = step.Outputs;
        }
        return new SequenceStep<T>(steps, maxRows);
    }

    public override Span<T> Output => _steps[^1].Output;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Forward(ReadOnlySpan<T> x, int rows, bool training)
    {
        ReadOnlySpan<T> input = x;
        foreach (var step in _steps)
        {
            step.Forward(input, rows, training);
            input = step.Output[..(rows * step.Outputs)];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
    {
        _gradients ??= [.. _steps.SkipLast(1).Select(s => new T[MaxRows * s.Outputs])];
        int last = _steps.Length - 1;
        for (int i = last; i >= 0; i--)
        {
            var step = _steps[i];
            var input = i == 0 ? x : _steps[i - 1].Output[..(rows * step.Inputs)];
            var gradOut = i == last ? dy : _gradients[i].AsSpan(0, rows * step.Outputs);
            var gradIn = i == 0 ? dx : _gradients[i - 1].AsSpan(0, rows * step.Inputs);
            step.Backward(input, gradOut, gradIn, rows);
        }
    }
}
