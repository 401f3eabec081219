using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>σ(x) = 1/(1 + e⁻ˣ);  σ' = σ(1 - σ) ≤ ¼ (the source of vanishing gradients)</summary>
public sealed class Sigmoid() : ElementwiseActivation(new("sigmoid", "Sigmoid()", "Sigmoid", Initializer.GlorotUniform,
    "σ(z)", "σ'(z) = a(1 - a)", "a·(1 - a)", "σ(z) = 1/(1 + e^(-z))"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>σ(x), and σ' from the cached y: y(1 - y).</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => LaneFunctions.Sigmoid<TV, TM, T>(x);
        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T> => TM.Multiply(y, TM.Subtract(TM.Splat(T.One), y));
    }
}
