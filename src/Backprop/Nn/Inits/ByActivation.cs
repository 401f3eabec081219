using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn.Inits;

/// <summary>The activation's own choice (<see cref="ActivationInfo.Init"/>): W ~ glorot_uniform before sigmoid, tanh, identity and softmax, he_normal before the ReLU family.</summary>
public sealed class ByActivation : Initializer
{
    /// <inheritdoc/>
    public override string Name => "default";

    /// <inheritdoc/>
    public override Initializer For(Activation activation) => activation.Info.Init;

    /// <summary>Throws: resolve with <see cref="For"/> first, as <see cref="Dense{T}"/> does.</summary>
    public override Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) =>
        throw new ArgumentException("The default initializer draws nothing itself; resolve it for the activation with For(activation) first.");
}
