using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>GELU (exact, PyTorch's default): y = x·Φ(x), Φ(x) = ½(1 + erf(x/√2));  y' = Φ(x) + x·φ(x), φ(x) = e^(-x²/2)/√(2π)</summary>
public sealed class Gelu() : ElementwiseActivation(new("gelu", "GELU()", "Gelu", Initializer.HeNormal,
    "z·Φ(z)", "Φ(z) + z·φ(z)", "(Φ(z) + z·φ(z))", "Φ(z) = ½(1 + erf(z/√2)), φ(z) = e^(-z²/2)/√(2π)"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>x·Φ(x) and Φ(x) + x·φ(x), with erf from <see cref="LaneFunctions.Erf{TV, TM, T}"/>.</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        static readonly T half = T.CreateTruncating(0.5), invSqrt2 = T.CreateTruncating(1 / Math.Sqrt(2)), invSqrt2Pi = T.CreateTruncating(1 / Math.Sqrt(2 * Math.PI));

        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => TM.Multiply(x, Cdf<TV, TM>(x));

        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T>
        {
            var pdf = TM.Multiply(TM.Splat(invSqrt2Pi), TM.Exp(TM.Multiply(TM.Splat(-half), TM.Multiply(x, x))));
            return TM.MultiplyAdd(x, pdf, Cdf<TV, TM>(x));
        }

        // Φ(x) = ½ + ½·erf(x/√2)
        static TV Cdf<TV, TM>(TV x) where TM : ILaneMath<TV, T> =>
            TM.MultiplyAdd(TM.Splat(half), LaneFunctions.Erf<TV, TM, T>(TM.Multiply(x, TM.Splat(invSqrt2))), TM.Splat(half));
    }
}
