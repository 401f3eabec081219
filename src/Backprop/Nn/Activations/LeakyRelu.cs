using System.Globalization;
using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>y = x if x &gt; 0 else αx;  y' = 1 if x &gt; 0 else α</summary>
public sealed class LeakyRelu(double alpha) : ElementwiseActivation(Describe(alpha))
{
    /// <summary>The slope for x ≤ 0.</summary>
    public double Alpha { get; } = alpha;

    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>(T.CreateTruncating(Alpha)));

    private static ActivationInfo Describe(double alpha)
    {
        string a = alpha.ToString(CultureInfo.InvariantCulture);
        return new($"leaky_relu:{a}", $"LeakyReLU({a})", "LeakyRelu", Initializer.HeNormal,
            $"z if z > 0, else {a}·z", $"1 if z > 0, else {a}", $"(1 if z > 0, else {a})");
    }

    /// <summary>x or αx, and 1 or α, by the sign of x.</summary>
    public readonly struct Op<T>(T alpha) : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => TM.IfGreater(x, TM.Splat(T.Zero), x, TM.Multiply(TM.Splat(alpha), x));
        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T> => TM.IfGreater(x, TM.Splat(T.Zero), TM.Splat(T.One), TM.Splat(alpha));
    }
}
