using System.Numerics;
using Backprop.Kernels;
using Backprop.Nn;

namespace Backprop.Tests.Nn.Activations;

/// <summary>
/// An activation the library does not have, written as a user would in their own assembly (one file):
/// softsign y = x/(1 + |x|);  y' = 1/(1 + |x|)² = (1 - |y|)².
/// </summary>
public sealed class Softsign() : ElementwiseActivation(new("softsign", "Softsign()", "Softsign", Initializer.GlorotUniform,
    "z/(1 + |z|)", "(1 - |a|)²", "(1 - |a|)²"))
{
    /// <summary>Registers it with <see cref="Activation.Parse"/> (idempotent).</summary>
    public static void Register() => Activation.Register("softsign", _ => new Softsign());

    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => TM.Divide(x, TM.Add(TM.Splat(T.One), TM.Abs(x)));

        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T>
        {
            var d = TM.Subtract(TM.Splat(T.One), TM.Abs(y));
            return TM.Multiply(d, d);
        }
    }
}
