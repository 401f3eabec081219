using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W ~ N(0, 2 / (in + out)) (Glorot and Bengio, 2010); b = 0.</summary>
public sealed class GlorotNormal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "glorot_normal";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / (fanIn + fanOut)), fanIn, fanOut);
}
