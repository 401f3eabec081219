using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Validation of row weights (sample weights, class weights per row) before any loss uses them.</summary>
internal static class RowWeights
{
    /// <summary>Throws, naming <paramref name="what"/>, unless <paramref name="weights"/> is [rows] of finite numbers ≥ 0.</summary>
    public static void Check<T>(Tensor<T> weights, int rows, string what) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (weights.Rank != 1 || weights.Shape[0] != rows)
            throw new ArgumentException($"{what}: row weights {weights.Shape} for a batch of {rows} rows (want [{rows}]).");
        if (FirstInvalid<T>(weights.Span) is int r)
            throw new ArgumentException($"{what}: row weight {double.CreateTruncating(weights.Span[r])} at row {r} is not a finite number ≥ 0.");
    }

    /// <summary>The index of the first weight that is negative, NaN or infinite, or null.</summary>
    public static int? FirstInvalid<T>(ReadOnlySpan<T> weights) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < weights.Length; i++)
            if (!(weights[i] >= T.Zero && T.IsFinite(weights[i]))) return i;
        return null;
    }
}
