using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W ~ U(-a, a), a = √(3 / in) (LeCun et al., 1998; Keras' <c>lecun_uniform</c>); b = 0.</summary>
public sealed class LeCunUniform : Initializer
{
    /// <inheritdoc/>
    public override string Name => "lecun_uniform";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomUniform(rng, -Math.Sqrt(3.0 / fanIn), Math.Sqrt(3.0 / fanIn), fanIn, fanOut);
}
