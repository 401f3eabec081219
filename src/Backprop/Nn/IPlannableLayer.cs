using System.Numerics;

namespace Backprop.Nn;

/// <summary>
/// A layer that can run inside a layer plan: it says how wide an input it takes and builds a <see cref="LayerStep{T}"/>
/// that runs its forward and backward over buffers allocated once.
/// </summary>
public interface IPlannableLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The width of the rows it takes, or null when it takes any width (an elementwise layer).</summary>
    int? InputWidth { get; }

    /// <summary>The step for rows of <paramref name="inputs"/> values, at most <paramref name="maxRows"/> at a time; null when this layer cannot be planned.</summary>
    LayerStep<T>? CreateStep(int inputs, int maxRows);
}
