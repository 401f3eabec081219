using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W ~ U(-a, a), a = √(6 / in) (He et al., 2015); b = 0.</summary>
public sealed class HeUniform : Initializer
{
    /// <inheritdoc/>
    public override string Name => "he_uniform";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomUniform(rng, -Math.Sqrt(6.0 / fanIn), Math.Sqrt(6.0 / fanIn), fanIn, fanOut);
}
