using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>
/// The per-feature rescaling of rows: y[r, j] = (x[r, j] − offset[j]) / scale[j], computed in double and rounded once to T, so a
/// float row gives the same bits whether its values go through the vector loop or the scalar one (a float widens to double
/// exactly; the subtraction, the division and the rounding are each IEEE's correctly rounded one in both).
/// </summary>
internal static class AffineRows
{
    /// <summary>y = (x − offsets) / scales row by row (x and y may be the same span); x.Length is a multiple of offsets.Length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Standardise<T>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<double> offsets, ReadOnlySpan<double> scales)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int f = offsets.Length, vectorEnd = 0;
        if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated && f >= Vector256<float>.Count)
        {
            vectorEnd = f - f % Vector256<float>.Count;
            StandardiseFloats(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(y), offsets, scales, vectorEnd);
        }
        for (int row = 0; row < x.Length; row += f)
            for (int j = vectorEnd; j < f; j++)
                y[row + j] = T.CreateTruncating((double.CreateTruncating(x[row + j]) - offsets[j]) / scales[j]);
    }

    // Columns [0, vectorEnd) of every row, eight floats at a time widened to two vectors of four doubles.
    private static void StandardiseFloats(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<double> offsets, ReadOnlySpan<double> scales, int vectorEnd)
    {
        int f = offsets.Length;
        ref double offset = ref MemoryMarshal.GetReference(offsets), scale = ref MemoryMarshal.GetReference(scales);
        for (int row = 0; row + f <= x.Length; row += f)
        {
            ref float from = ref Unsafe.Add(ref MemoryMarshal.GetReference(x), row);
            ref float to = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), row);
            for (int j = 0; j < vectorEnd; j += Vector256<float>.Count)
            {
                var (low, high) = Vector256.Widen(Vector256.LoadUnsafe(ref from, (nuint)j));
                low = (low - Vector256.LoadUnsafe(ref offset, (nuint)j)) / Vector256.LoadUnsafe(ref scale, (nuint)j);
                high = (high - Vector256.LoadUnsafe(ref offset, (nuint)j + 4)) / Vector256.LoadUnsafe(ref scale, (nuint)j + 4);
                Vector256.Narrow(low, high).StoreUnsafe(ref to, (nuint)j);
            }
        }
    }
}
