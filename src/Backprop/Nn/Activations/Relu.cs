using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>y = max(0, x);  y' = 1 if x &gt; 0 else 0</summary>
public sealed class Relu() : ElementwiseActivation(new("relu", "ReLU()", "Relu", Initializer.HeNormal, "max(0, z)", "[z > 0]", "[z > 0]"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>max(0, x) (NaN stays NaN) and [x &gt; 0].</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => TM.Max(x, TM.Splat(T.Zero));
        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T> => TM.IfGreater(x, TM.Splat(T.Zero), TM.Splat(T.One), TM.Splat(T.Zero));
    }
}
