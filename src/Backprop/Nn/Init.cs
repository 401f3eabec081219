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
    /// <summary>U(-a, a), a = √(3 / in) (LeCun et al., 1998; Keras' <c>lecun_uniform</c>).</summary>
    LeCunUniform,
    /// <summary>N(0, 1 / in) (LeCun et al., 1998; the initialiser of SELU networks; Keras truncates it, this does not).</summary>
    LeCunNormal,
    /// <summary>A random orthogonal matrix (Saxe et al., 2014; PyTorch's <c>orthogonal_</c> with gain 1): WᵀW = I when in ≥ out, else WWᵀ = I.</summary>
    Orthogonal,
    /// <summary>
    /// PyTorch's <c>nn.Linear</c> default, so a PyTorch recipe reproduces: weights by <c>kaiming_uniform_(a=√5)</c>, i.e.
    /// U(-1/√in, 1/√in), and the bias, unlike every other choice here, U(-1/√in, 1/√in) too.
    /// </summary>
    TorchLinear,
    /// <summary>
    /// scikit-learn's <c>MLPClassifier</c>/<c>MLPRegressor</c> default (for every activation but its logistic): weights, and the
    /// bias too, U(-a, a) with a = √(6 / (in + out)).
    /// </summary>
    SklearnUniform,
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
        double glorotLimit = Math.Sqrt(6.0 / (fanIn + fanOut)), heLimit = Math.Sqrt(6.0 / fanIn), lecunLimit = Math.Sqrt(3.0 / fanIn);
        return kind switch
        {
            Initializer.GlorotUniform or Initializer.SklearnUniform => Tensor<T>.RandomUniform(rng, -glorotLimit, glorotLimit, fanIn, fanOut),
            Initializer.GlorotNormal => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / (fanIn + fanOut)), fanIn, fanOut),
            Initializer.HeUniform => Tensor<T>.RandomUniform(rng, -heLimit, heLimit, fanIn, fanOut),
            Initializer.HeNormal => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(2.0 / fanIn), fanIn, fanOut),
            Initializer.LeCunUniform => Tensor<T>.RandomUniform(rng, -lecunLimit, lecunLimit, fanIn, fanOut),
            Initializer.LeCunNormal => Tensor<T>.RandomNormal(rng, 0, Math.Sqrt(1.0 / fanIn), fanIn, fanOut),
            Initializer.Orthogonal => OrthogonalMatrix.Draw<T>(fanIn, fanOut, rng),
            Initializer.TorchLinear => Tensor<T>.RandomUniform(rng, -TorchBound(fanIn), TorchBound(fanIn), fanIn, fanOut),
            Initializer.Zeros => Tensor<T>.Zeros(fanIn, fanOut),
            _ => throw new ArgumentException("Init.Weights needs a concrete initializer; resolve Default with DefaultFor first."),
        };
    }

    /// <summary>
    /// A bias [fanOut]: zeros, except <see cref="Initializer.TorchLinear"/>'s U(-1/√in, 1/√in) and <see cref="Initializer.SklearnUniform"/>'s
    /// U(-a, a) with a = √(6 / (in + out)), drawn from <paramref name="rng"/> after the weights as PyTorch and scikit-learn do.
    /// </summary>
    public static Tensor<T> Bias<T>(Initializer kind, int fanIn, int fanOut, Rng rng) where T : unmanaged, IFloatingPointIeee754<T> => kind switch
    {
        Initializer.TorchLinear => Tensor<T>.RandomUniform(rng, -TorchBound(fanIn), TorchBound(fanIn), fanOut),
        Initializer.SklearnUniform => Tensor<T>.RandomUniform(rng, -Math.Sqrt(6.0 / (fanIn + fanOut)), Math.Sqrt(6.0 / (fanIn + fanOut)), fanOut),
        _ => Tensor<T>.Zeros(fanOut),
    };

    // kaiming_uniform_(a=√5): gain √(2 / (1 + a²)) = √(1/3), bound = gain · √(3 / in) = 1 / √in; the bias uses the same bound.
    private static double TorchBound(int fanIn) => 1 / Math.Sqrt(fanIn);
}
