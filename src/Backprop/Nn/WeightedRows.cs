using System.Numerics;
using Backprop.Ops;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Any loss weighted by rows: L = Σᵢ wᵢ·lᵢ / Σᵢ wᵢ, lᵢ the loss of row i alone;  dL/dOᵢ = (wᵢ / Σw)·dlᵢ/dOᵢ. A loss is a mean over its rows, so
/// row i alone (one call with rows = 1) gives lᵢ and its gradient.
/// </summary>
internal static class WeightedRows
{
    /// <summary>The weighted loss of <paramref name="loss"/>, row by row; 0 (and a zero gradient) when the weights sum to 0.</summary>
    public static T ValueAndGradient<T>(Loss loss, ReadOnlySpan<T> output, ReadOnlySpan<T> target, ReadOnlySpan<T> weights, int rows, int outputs, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (weights.Length != rows) throw new ArgumentException($"{loss.Name}: {weights.Length} row weights for a batch of {rows} rows.");
        int width = target.Length / rows;
        T sum = T.Zero, total = T.Zero;
        for (int r = 0; r < rows; r++) sum += weights[r];
        bool withGradient = !gradient.IsEmpty;
        for (int r = 0; r < rows; r++)
        {
            var g = withGradient ? gradient.Slice(r * outputs, outputs) : default;
            T w = sum > T.Zero ? weights[r] / sum : T.Zero;
            if (w == T.Zero)
            {
                if (withGradient) g.Clear();
                continue; // a row of weight 0 adds nothing, even a non-finite loss
            }
            T l = loss.ValueAndGradient(output.Slice(r * outputs, outputs), target.Slice(r * width, width), 1, outputs, g);
            total += w * l;
            if (withGradient) System.Numerics.Tensors.TensorPrimitives.Multiply<T>(g, w, g);
        }
        return total;
    }

    /// <summary>A loss with its batch's row weights, as the fused loss node takes it.</summary>
    internal sealed class Of<T>(Loss loss, Tensor<T> weights) : IFusedLoss where T : unmanaged, IFloatingPointIeee754<T>
    {
        public string Name => loss.Name;

        public TOut ValueAndGradient<TOut>(ReadOnlySpan<TOut> output, ReadOnlySpan<TOut> target, int rows, int outputs, Span<TOut> gradient)
            where TOut : unmanaged, IFloatingPointIeee754<TOut>
        {
            if (typeof(TOut) != typeof(T)) throw new InvalidOperationException($"{loss.Name}: weights of {typeof(T).Name} for outputs of {typeof(TOut).Name}.");
            var w = System.Runtime.InteropServices.MemoryMarshal.Cast<T, TOut>(weights.Span);
            return loss.WeightedValueAndGradient(output, target, w, rows, outputs, gradient);
        }
    }
}
