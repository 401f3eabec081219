using System.Globalization;
using Backprop.Errors;

namespace Backprop.IO;

/// <summary>
/// Values a state dict entry cannot hold by what its PyTorch name means: a <c>running_var</c> (a batch norm's running variance) is
/// never negative; with a negative one, x̂ = (x − mean)/√(var + ε) is NaN for every row. Non-finite values are refused when the file is read.
/// </summary>
internal static class StateValueCheck
{
    /// <summary>As below, for a tensor of the file (its values read only when its name has a rule).</summary>
    public static void Check(SafetensorsTensor tensor, string path)
    {
        if (tensor.Name.EndsWith("running_var", StringComparison.Ordinal)) Check(tensor.Name, tensor.ToDoubles(path), path);
    }

    /// <summary>Throws <see cref="BackpropException"/> (bad input) naming the file, the tensor and the element when <paramref name="values"/> cannot be <paramref name="name"/>'s.</summary>
    public static void Check(string name, double[] values, string path)
    {
        if (!name.EndsWith("running_var", StringComparison.Ordinal)) return;
        int at = Array.FindIndex(values, v => !(v >= 0) || double.IsInfinity(v));
        if (at >= 0)
            throw BackpropException.BadInput($"{path}: tensor \"{name}\" (a batch norm's running variance) holds {values[at].ToString("R", CultureInfo.InvariantCulture)} at element {at}; a variance is a finite number of at least 0.");
    }
}
