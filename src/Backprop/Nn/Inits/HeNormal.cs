using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W ~ N(0, 2 / in) (He et al., 2015); b = 0.</summary>
public sealed class HeNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "he_normal";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / fanIn), fanIn, fanOut);
}
