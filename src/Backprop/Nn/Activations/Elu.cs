using System.Globalization;
using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>ELU: y = x if x &gt; 0 else α(eˣ - 1);  y' = 1 if x &gt; 0 else y + α</summary>
public sealed class Elu(double alpha) : ElementwiseActivation(Describe(alpha))
{
    /// <summary>The scale of the negative part (its limit is -α).</summary>
    public double Alpha { get; } = alpha;

    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>(T.CreateTruncating(Alpha)));

    private static ActivationInfo Describe(double alpha)
    {
        string a = alpha.ToString(CultureInfo.InvariantCulture);
        return new($"elu:{a}", $"ELU(alpha={a})", "Elu", Initializer.HeNormal,
            $"z if z > 0, else {a}·(e^z - 1)", $"1 if z > 0, else a + {a}", $"(1 if z > 0, else a + {a})");
    }

    /// <summary>x or α(eˣ - 1) (eˣ - 1 through the accurate ExpM1), and 1 or y + α.</summary>
    public readonly struct Op<T>(T alpha) : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> =>
            TM.IfGreater(x, TM.Splat(T.Zero), x, TM.Multiply(TM.Splat(alpha), LaneFunctions.ExpM1<TV, TM, T>(TM.Min(x, TM.Splat(T.Zero)))));

        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T> =>
            TM.IfGreater(x, TM.Splat(T.Zero), TM.Splat(T.One), TM.Add(y, TM.Splat(alpha)));
    }
}
