using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>Elementwise accumulation on spans (no autodiff: the Ops and optimizers call these).</summary>
internal static class Elementwise
{
    /// <summary>y += x</summary>
    public static void AddInPlace<T>(Span<T> y, ReadOnlySpan<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.Add(y, x, y);

    /// <summary>y += s·x</summary>
    public static void AddScaledInPlace<T>(Span<T> y, ReadOnlySpan<T> x, T s) where T : unmanaged, IFloatingPointIeee754<T>
        => TensorPrimitives.FusedMultiplyAdd(x, s, y, y);
}
