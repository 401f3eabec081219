using System.Globalization;
using Backprop.Errors;
using Backprop.Tensors;

namespace Backprop.Cli.Common;

/// <summary>
/// A model whose outputs are not finite numbers for some row gives no predictions and no scores: finite weights as large as 3e38
/// overflow float32 arithmetic, and the probabilities became NaN while evaluate printed "loss NaN" and exited 0. Refused as bad input
/// (exit 1), naming the model, the file and the first such row.
/// </summary>
internal static class FiniteOutputs
{
    /// <summary>Throws <see cref="BackpropException"/> at the first non-finite value of <paramref name="outputs"/> [N, K], its row named by <paramref name="lines"/>.</summary>
    public static void Check(Tensor<float> outputs, IReadOnlyList<int> lines, string model, string data)
    {
        var values = outputs.Span;
        for (int i = 0; i < values.Length; i++)
        {
            if (float.IsFinite(values[i])) continue;
            int row = outputs.Shape.Rank > 1 ? i / outputs.Shape[-1] : i;
            throw BackpropException.BadInput(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(model)}: its output for {Path.GetFileName(data)} at line {lines[row]} is {values[i]}, not a number it can give: the model's arithmetic overflows float32 (weights or values too large); no predictions or scores."));
        }
    }
}
