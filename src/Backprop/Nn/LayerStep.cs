using System.Numerics;

namespace Backprop.Nn;

/// <summary>
/// One layer of a layer plan: forward Y = layer(X) into <see cref="Output"/>, and backward from dL/dY to the layer's parameter
/// gradients (overwritten) and dL/dX, on buffers for at most <see cref="MaxRows"/> rows allocated once.
/// </summary>
public abstract class LayerStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A step taking rows of <paramref name="inputs"/> values and giving rows of <paramref name="outputs"/>.</summary>
    protected LayerStep(int inputs, int outputs, int maxRows)
    {
        Inputs = inputs; Outputs = outputs; MaxRows = maxRows;
    }

    /// <summary>Values per input row.</summary>
    public int Inputs { get; }

    /// <summary>Values per output row.</summary>
    public int Outputs { get; }

    /// <summary>The most rows one call takes.</summary>
    public int MaxRows { get; }

    /// <summary>Where <see cref="Forward"/> writes Y [rows, <see cref="Outputs"/>] (at least <see cref="MaxRows"/> rows).</summary>
    public abstract Span<T> Output { get; }

    /// <summary>Y = layer(X) for <paramref name="rows"/> rows of <paramref name="x"/>; <paramref name="training"/> is false for evaluation and prediction.</summary>
    public abstract void Forward(ReadOnlySpan<T> x, int rows, bool training);

    /// <summary>
    /// After <see cref="Forward"/> on the same <paramref name="x"/>: overwrites the parameter gradients with this batch's and,
    /// unless <paramref name="dx"/> is empty, writes dL/dX into it, given dL/dY in <paramref name="dy"/> (which it may overwrite).
    /// </summary>
    public abstract void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows);
}
