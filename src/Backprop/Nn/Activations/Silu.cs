using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>SiLU (swish): y = x·σ(x);  y' = σ(x)(1 + x(1 - σ(x)))</summary>
public sealed class Silu() : ElementwiseActivation(new("silu", "SiLU()", null, Initializer.HeNormal,
    "z·σ(z)", "σ(z)(1 + z(1 - σ(z)))", "σ(z)·(1 + z·(1 - σ(z)))", "σ(z) = 1/(1 + e^(-z))"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>x·σ(x) and σ(x)(1 + x(1 - σ(x))).</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => TM.Multiply(x, LaneFunctions.Sigmoid<TV, TM, T>(x));

        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T>
        {
            var s = LaneFunctions.Sigmoid<TV, TM, T>(x);
            return TM.Multiply(s, TM.MultiplyAdd(x, TM.Subtract(TM.Splat(T.One), s), TM.Splat(T.One)));
        }
    }
}
