using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>How a layer's weights start.</summary>
public enum Initializer
{
    /// <summary>Picked by the activation that follows (its <see cref="ActivationInfo.Init"/>): Glorot uniform for sigmoid/tanh/identity/softmax, He normal for the ReLU family (GELU, SiLU, ELU, softplus too).</summary>
    Default,
    /// <summary>U(-a, a), a = √(6 / (in + out)) (Glorot and Bengio, 2010).</summary>
    GlorotUniform,
    /// <summary>N(0, 2 / (in + out)).</summary>
    GlorotNormal,
    /// <summary>U(-a, a), a = √(6 / in) (He et al., 2015).</summary>
    HeUniform,
    /// <summary>N(0, 2 / in).</summary>
    HeNormal,
    /// <summary>All zeros (a bad idea for weights: every unit learns the same thing; fine for biases).</summary>
    Zeros,
}

/// <summary>Seeded weight initialisation.</summary>
public static class Init
{
    /// <summary>The default for a layer followed by <paramref name="activation"/>.</summary>
    public static Initializer DefaultFor(Activation activation) => activation.Info.Init;

    /// <summary>A [fanIn, fanOut] weight matrix drawn from <paramref name="rng"/>.</summary>
    public static Tensor<T> Weights<T>(Initializer kind, int fanIn, int fanOut, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double glorotLimit = Math.Sqrt(6.0 / (fanIn + fanOut)), heLimit = Math.Sqrt(6.0 / fanIn);
        return kind switch
        {
            Initializer.GlorotUniform => Tensor<T>.RandomUniform(rng, -glorotLimit, glorotLimit, fanIn, fanOut),
            Initializer.GlorotNormal => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / (fanIn + fanOut)), fanIn, fanOut),
            Initializer.HeUniform => Tensor<T>.RandomUniform(rng, -heLimit, heLimit, fanIn, fanOut),
            Initializer.HeNormal => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / fanIn), fanIn, fanOut),
            Initializer.Zeros => Tensor<T>.Zeros(fanIn, fanOut),
            _ => throw new ArgumentException("Init.Weights needs a concrete initializer; resolve Default with DefaultFor first."),
        };
    }
}
