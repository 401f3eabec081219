using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Validation of loss targets before any kernel runs, with errors that say what and where.</summary>
internal static class LossTargets
{
    /// <summary>Checks class indices [N] (returns true) or probabilities [N, C] (returns false) against logits [N, C].</summary>
    public static bool CheckClassTargets<T>(Tensor<T> target, int n, int classes, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.Rank == 2)
        {
            if (target.Shape[0] != n || target.Shape[1] != classes)
                throw new ArgumentException($"{loss}: target {target.Shape} does not match logits [{n}, {classes}].");
            return false;
        }
        if (target.Rank != 1) throw new ArgumentException($"{loss}: target must be class indices [N] or probabilities [N, C]; got {target.Shape}.");
        if (target.Shape[0] != n) throw new ArgumentException($"{loss}: {target.Shape[0]} labels for a batch of {n}.");
        CheckIndices(target.Span, classes, loss);
        return true;
    }

    /// <summary>Each label must be an integer in [0, classes).</summary>
    public static void CheckIndices<T>(ReadOnlySpan<T> labels, int classes, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T limit = T.CreateTruncating(classes);
        for (int r = 0; r < labels.Length; r++)
        {
            T v = labels[r];
            if (!T.IsInteger(v) || v < T.Zero || v >= limit)
                throw new ArgumentException($"{loss}: class index {double.CreateTruncating(v)} at row {r} for a {classes}-class output.");
        }
    }

    /// <summary>Checks that an elementwise target matches the output: same shape, or [N] against [N, 1].</summary>
    public static void CheckSameShape<T>(Shape output, Tensor<T> target, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.Shape == output) return;
        bool column = output.Rank == 2 && output[1] == 1 && target.Rank == 1 && target.Shape[0] == output[0];
        if (column) return;
        if (output.Rank >= 1 && target.Rank >= 1 && target.Shape[0] != output[0])
            throw new ArgumentException($"{loss}: {target.Shape[0]} targets for a batch of {output[0]} (target {target.Shape}, output {output}).");
        throw new ArgumentException($"{loss}: target {target.Shape} does not match output {output}.");
    }

    /// <summary>Probability targets must lie in [0, 1].</summary>
    public static void CheckProbabilities<T>(ReadOnlySpan<T> target, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < target.Length; i++)
            if (!(target[i] >= T.Zero && target[i] <= T.One))
                throw new ArgumentException($"{loss}: target {double.CreateTruncating(target[i])} at element {i} is outside [0, 1].");
    }
}
