using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W ~ N(0, 1 / in) (LeCun et al., 1998; the initialiser of SELU networks; Keras truncates it, this does not); b = 0.</summary>
public sealed class LeCunNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "lecun_normal";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(1.0 / fanIn), fanIn, fanOut);
}
