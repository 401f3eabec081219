using System.Globalization;

namespace Backprop.IO;

/// <summary>A <see cref="Nn.BatchNorm1d{T}"/> between a Dense layer and its activation, as a model file records it (affine, so γ and β are stored).</summary>
/// <param name="Eps">ε added to the variance.</param>
/// <param name="Momentum">How far the running statistics move towards each training batch's.</param>
public sealed record BatchNormSpec(double Eps = 1e-5, double Momentum = 0.1)
{
    /// <summary>PyTorch's module for <paramref name="features"/> features: <c>BatchNorm1d(16)</c>, with <c>eps</c> and <c>momentum</c> when not the defaults.</summary>
    public string Torch(int features) => this == new BatchNormSpec()
        ? $"BatchNorm1d({features.ToString(CultureInfo.InvariantCulture)})"
        : string.Create(CultureInfo.InvariantCulture, $"BatchNorm1d({features}, eps={Eps:R}, momentum={Momentum:R})");
}
