using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W ~ U(-a, a), a = √(6 / (in + out)) (Glorot and Bengio, 2010); b = 0.</summary>
public sealed class GlorotUniform : Initializer
{
    /// <inheritdoc/>
    public override string Name => "glorot_uniform";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomUniform(rng, -Limit(fanIn, fanOut), Limit(fanIn, fanOut), fanIn, fanOut);

    /// <summary>a = √(6 / (in + out)).</summary>
    internal static double Limit(int fanIn, int fanOut) => Math.Sqrt(6.0 / (fanIn + fanOut));
}
