using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Validation and conversion of loss targets, with errors that say what and where.</summary>
internal static class Targets
{
    /// <summary>Class indices [N] become one-hot [N, C]; probabilities [N, C] are checked for shape.</summary>
    public static Tensor<T> AsProbabilities<T>(Tensor<T> target, int n, int classes, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.Rank == 2)
        {
            if (target.Shape[0] != n || target.Shape[1] != classes)
                throw new ArgumentException($"{loss}: target {target.Shape} does not match logits [{n}, {classes}].");
            return target;
        }
        if (target.Rank != 1) throw new ArgumentException($"{loss}: target must be class indices [N] or probabilities [N, C]; got {target.Shape}.");
        if (target.Shape[0] != n) throw new ArgumentException($"{loss}: {target.Shape[0]} labels for a batch of {n}.");
        var onehot = new Tensor<T>(new Shape(n, classes));
        for (int r = 0; r < n; r++)
        {
            T v = target.Span[r];
            if (!T.IsInteger(v) || v < T.Zero || v >= T.CreateTruncating(classes))
                throw new ArgumentException($"{loss}: class index {double.CreateTruncating(v)} at row {r} for a {classes}-class output.");
            onehot.Span[r * classes + int.CreateTruncating(v)] = T.One;
        }
        return onehot;
    }

    /// <summary>Checks that an elementwise target matches the output: same shape, or [N] against [N, 1].</summary>
    public static Tensor<T> SameShape<T>(Tensor<T> output, Tensor<T> target, string loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (target.Shape == output.Shape) return target;
        bool column = output.Rank == 2 && output.Shape[1] == 1 && target.Rank == 1 && target.Shape[0] == output.Shape[0];
        if (column) return new Tensor<T>(output.Shape, target.Data);
        if (output.Rank >= 1 && target.Rank >= 1 && target.Shape[0] != output.Shape[0])
            throw new ArgumentException($"{loss}: {target.Shape[0]} targets for a batch of {output.Shape[0]} (target {target.Shape}, output {output.Shape}).");
        throw new ArgumentException($"{loss}: target {target.Shape} does not match output {output.Shape}.");
    }
}
