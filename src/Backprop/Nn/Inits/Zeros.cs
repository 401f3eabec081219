using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W = 0, b = 0 (a bad idea for weights: every unit learns the same thing).</summary>
public sealed class Zeros : Initializer
{
    /// <inheritdoc/>
    public override string Name => "zeros";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.Zeros(fanIn, fanOut);
}
