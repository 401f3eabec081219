using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>W = Q of a Gaussian matrix's QR, sign-corrected (Saxe et al., 2014; PyTorch's <c>orthogonal_</c>, gain 1): WᵀW = I when in ≥ out, else WWᵀ = I; b = 0.</summary>
public sealed class Orthogonal : Initializer
{
    /// <inheritdoc/>
    public override string Name => "orthogonal";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => OrthogonalMatrix.Draw<T>(fanIn, fanOut, rng);
}
