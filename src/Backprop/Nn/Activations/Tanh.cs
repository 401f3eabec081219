using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>y = tanh x;  y' = 1 - y² ≤ 1</summary>
public sealed class Tanh() : ElementwiseActivation(new("tanh", "Tanh()", "Tanh", Initializer.GlorotUniform, "tanh(z)", "1 - a²", "(1 - a²)"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>tanh x, and 1 - y² from the cached y.</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => LaneFunctions.Tanh<TV, TM, T>(x);
        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T> => TM.MultiplyAdd(TM.Negate(y), y, TM.Splat(T.One));
    }
}
