using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>Softplus (PyTorch's β = 1, threshold 20): y = ln(1 + eˣ), or x when x &gt; 20;  y' = σ(x), or 1 when x &gt; 20</summary>
public sealed class Softplus() : ElementwiseActivation(new("softplus", "Softplus()", "Softplus", Initializer.HeNormal,
    "ln(1 + e^z)", "σ(z)", "σ(z)", "z itself when z > 20"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>ln(1 + eˣ) through the accurate Log1P, linear above the threshold.</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        static readonly T threshold = T.CreateTruncating(20);

        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> =>
            TM.IfGreater(x, TM.Splat(threshold), x, LaneFunctions.Log1P<TV, TM, T>(TM.Exp(TM.Min(x, TM.Splat(threshold)))));

        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T> =>
            TM.IfGreater(x, TM.Splat(threshold), TM.Splat(T.One), LaneFunctions.Sigmoid<TV, TM, T>(x));
    }
}
