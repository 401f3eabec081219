using System.Globalization;
using System.Text;

namespace Backprop.Tensors;

public sealed partial class Tensor<T>
{
    private const int MaxShownPerAxis = 6;

    /// <summary>Shape and values, nested like NumPy, eliding the middle of long axes: <c>Tensor [2, 3] [[1, 2, 3], [4, 5, 6]]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Tensor<").Append(typeof(T).Name).Append("> ").Append(Shape).Append(' ');
        if (Rank == 0) sb.Append(FormatValue(Data[0]));
        else AppendAxis(sb, 0, 0);
        if (RequiresGrad) sb.Append(" requires_grad");
        return sb.ToString();
    }

    private void AppendAxis(StringBuilder sb, int axis, int offset)
    {
        int n = Shape[axis], stride = 1;
        for (int i = axis + 1; i < Rank; i++) stride *= Shape[i];
        sb.Append('[');
        for (int i = 0; i < n; i++)
        {
            if (n > MaxShownPerAxis && i == MaxShownPerAxis / 2) { sb.Append("..., "); i = n - MaxShownPerAxis / 2; }
            if (axis == Rank - 1) sb.Append(FormatValue(Data[offset + i]));
            else AppendAxis(sb, axis + 1, offset + i * stride);
            if (i < n - 1) sb.Append(", ");
        }
        sb.Append(']');
    }

    private static string FormatValue(T v) => double.CreateTruncating(v).ToString("G6", CultureInfo.InvariantCulture);
}
