using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn.Activations;

/// <summary>y = x (the linear output of a regression network);  y' = 1</summary>
public sealed class Identity() : ElementwiseActivation(new("identity", null, "Identity", Initializer.GlorotUniform, "z", "1", "1"))
{
    /// <inheritdoc/>
    protected override Activation<T> Bind<T>() => Activation<T>.Of(new Op<T>());

    /// <summary>x and 1; kernels skip it (<see cref="IsIdentity"/>).</summary>
    public readonly struct Op<T> : IActivationOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <inheritdoc/>
        public static bool IsIdentity => true;
        /// <inheritdoc/>
        public TV Forward<TV, TM>(TV x) where TM : ILaneMath<TV, T> => x;
        /// <inheritdoc/>
        public TV Derivative<TV, TM>(TV x, TV y) where TM : ILaneMath<TV, T> => TM.Splat(T.One);
    }
}
