using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Validation of loss targets before any kernel runs, with errors that say what and where.</summary>
internal static class Targets
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
    public static void CheckSameShape<T>(Tensor<T> output, Tensor<T> target, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.Shape == output.Shape) return;
        bool column = output.Rank == 2 && output.Shape[1] == 1 && target.Rank == 1 && target.Shape[0] == output.Shape[0];
        if (column) return;
        if (output.Rank >= 1 && target.Rank >= 1 && target.Shape[0] != output.Shape[0])
            throw new ArgumentException($"{loss}: {target.Shape[0]} targets for a batch of {output.Shape[0]} (target {target.Shape}, output {output.Shape}).");
        throw new ArgumentException($"{loss}: target {target.Shape} does not match output {output.Shape}.");
    }

    /// <summary>Elementwise targets for a network with <paramref name="outputs"/> outputs: [N, outputs], or [N] when there is one output.</summary>
    public static void CheckWidth<T>(Tensor<T> target, int outputs, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = target.Rank == 1 ? 1 : target.Rank == 2 ? target.Shape[1] : -1;
        if (width != outputs)
            throw new ArgumentException($"{loss}: targets {target.Shape} do not fit a network with {outputs} output{(outputs == 1 ? "" : "s")}" +
                (outputs == 1 ? " (want [N] or [N, 1])." : $" (want [N, {outputs}])."));
    }
}
