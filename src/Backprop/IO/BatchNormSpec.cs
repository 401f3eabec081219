using System.Globalization;

namespace Backprop.IO;

/// <summary>A <see cref="Nn.BatchNorm1d{T}"/> between a Dense layer and its activation, as a model file records it.</summary>
/// <param name="Eps">ε added to the variance.</param>
/// <param name="Momentum">How far the running statistics move towards each training batch's.</param>
/// <param name="Affine">Whether γ and β are learnt and stored (PyTorch's <c>affine</c>); without, the file holds only the running statistics, as
/// PyTorch's <c>BatchNorm1d(affine=False)</c> state dict does.</param>
public sealed record BatchNormSpec(double Eps = 1e-5, double Momentum = 0.1, bool Affine = true)
{
    /// <summary>PyTorch's module for <paramref name="features"/> features: <c>BatchNorm1d(16)</c>, with <c>eps</c>, <c>momentum</c> and <c>affine</c> when not the defaults.</summary>
    public string Torch(int features)
    {
        var c = CultureInfo.InvariantCulture;
        var arguments = new List<string> { features.ToString(c) };
        if (Eps != 1e-5 || Momentum != 0.1) arguments.AddRange([string.Create(c, $"eps={Eps:R}"), string.Create(c, $"momentum={Momentum:R}")]);
        if (!Affine) arguments.Add("affine=False");
        return $"BatchNorm1d({string.Join(", ", arguments)})";
    }

    /// <summary>The names of the tensors its state dict holds, in PyTorch's order: <c>weight</c>, <c>bias</c> (when affine) and the running statistics.</summary>
    public IEnumerable<string> TensorNames => Affine ? ["weight", "bias", .. Architecture.BatchNormState] : Architecture.BatchNormState;
}
