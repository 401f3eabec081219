using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>
/// GELU's tanh approximation (PyTorch's <c>approximate='tanh'</c>): y = ½x(1 + t), t = tanh(u), u = √(2/π)(x + 0.044715x³);
/// y' = ½(1 + t) + ½x(1 - t²)·√(2/π)(1 + 3·0.044715x²)
/// </summary>
public sealed class GeluTanh() : ElementwiseActivation(new("gelu_tanh", "GELU(approximate='tanh')", "Gelu", Initializer.HeNormal,
    "½z(1 + t)", "½(1 + t) + ½z(1 - t²)·√(2/π)(1 + 0.134145z²)", "(½(1 + t) + ½z·(1 - t²)·√(2/π)·(1 + 0.134145z²))",
    "t = tanh(√(2/π)(z + 0.044715z³))"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>½x(1 + t) and its derivative through t.</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        static readonly T half = T.CreateTruncating(0.5), k = T.CreateTruncating(Math.Sqrt(2 / Math.PI)), c = T.CreateTruncating(0.044715);

        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> =>
            TM.Multiply(TM.Multiply(TM.Splat(half), x), TM.Add(TM.Splat(T.One), Inner<TV, TM>(x)));

        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T>
        {
            var t = Inner<TV, TM>(x);
            var du = TM.Multiply(TM.Splat(k), TM.MultiplyAdd(TM.Splat(c * T.CreateTruncating(3)), TM.Multiply(x, x), TM.Splat(T.One)));
            var dt = TM.MultiplyAdd(TM.Negate(t), t, TM.Splat(T.One));                        // 1 - t²
            var halfX = TM.Multiply(TM.Splat(half), x);
            return TM.MultiplyAdd(TM.Multiply(halfX, dt), du, TM.MultiplyAdd(TM.Splat(half), t, TM.Splat(half)));
        }

        // t = tanh(√(2/π)(x + 0.044715x³))
        static TV Inner<TV, TM>(TV x) where TM : ILaneMath<TV, T> =>
            LaneFunctions.Tanh<TV, TM, T>(TM.Multiply(TM.Splat(k), TM.MultiplyAdd(TM.Multiply(TM.Splat(c), x), TM.Multiply(x, x), x)));
    }
}
