using System.Buffers;
using System.Numerics;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Nn;

/// <summary>The scaled squared error both regression losses share: L = s·Σ (o - y)²;  dL/do = 2s·(o - y).</summary>
internal static class SquaredError
{
    /// <summary>Returns s·Σ(o - y)² and, when <paramref name="gradient"/> is not empty, writes 2s·(o - y) into it.</summary>
    public static T ValueAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, T scale, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!gradient.IsEmpty) return Scaled(output, target, scale, gradient[..output.Length], writeGradient: true);
        var rented = ArrayPool<T>.Shared.Rent(output.Length); // value only: o - y in a pooled buffer, no allocation in steady state
        try { return Scaled(output, target, scale, rented.AsSpan(0, output.Length), writeGradient: false); }
        finally { ArrayPool<T>.Shared.Return(rented); }
    }

    private static T Scaled<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, T scale, Span<T> diff, bool writeGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(output, target, diff);
        T loss = scale * TensorPrimitives.SumOfSquares<T>(diff);
        if (writeGradient) TensorPrimitives.Multiply(diff, scale + scale, diff);
        return loss;
    }
}
