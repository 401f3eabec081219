using System.Numerics;

namespace Backprop.Ops;

/// <summary>What the fused loss node needs of a loss: its name and its value with, on request, its gradient.</summary>
internal interface IFusedLoss
{
    /// <summary>The loss's name, as shown in reports.</summary>
    string Name { get; }

    /// <summary>Returns L for outputs [rows, outputs]; writes dL/doutput into <paramref name="gradient"/> unless it is empty.</summary>
    T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int rows, int outputs, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>;
}
