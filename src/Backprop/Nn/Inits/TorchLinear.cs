using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>PyTorch's <c>nn.Linear</c> default, <c>kaiming_uniform_(a=√5)</c>: W ~ U(-1/√in, 1/√in), and b ~ U(-1/√in, 1/√in) too, drawn after W.</summary>
public sealed class TorchLinear : Initializer
{
    /// <inheritdoc/>
    public override string Name => "torch_linear";

    /// <inheritdoc/>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomUniform(rng, -Bound(fanIn), Bound(fanIn), fanIn, fanOut);

    /// <inheritdoc/>
    public override Tensor<T> Bias<T>(int fanIn, int fanOut, Rng rng) => Tensor<T>.RandomUniform(rng, -Bound(fanIn), Bound(fanIn), fanOut);

    // gain √(2 / (1 + a²)) = √(1/3) for a = √5, bound = gain · √(3 / in) = 1 / √in; the bias uses the same bound.
    private static double Bound(int fanIn) => 1 / Math.Sqrt(fanIn);
}
