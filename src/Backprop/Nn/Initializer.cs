using System.Numerics;
using Backprop.Nn.Inits;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// How a layer's weights W [in, out] and bias b [out] start, drawn from an <see cref="Rng"/> (weights first, then the bias). Each is
/// registered by name in <see cref="Initializers.Registry"/> (<c>--init</c>, <see cref="Dense{T}"/>, <see cref="Mlp.Create{T}"/>,
/// <c>Network.For</c>); the built-ins are also the static properties below. Two initialisers are equal when their names are.
/// </summary>
public abstract class Initializer : IEquatable<Initializer>
{
    /// <summary>The registered name (<c>he_normal</c>).</summary>
    public abstract string Name { get; }

    /// <summary>A [<paramref name="fanIn"/>, <paramref name="fanOut"/>] weight matrix drawn from <paramref name="rng"/>.</summary>
    public abstract Tensor<T> Weights<T>(int fanIn, int fanOut, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>A bias [<paramref name="fanOut"/>], drawn from <paramref name="rng"/> after the weights; zeros unless overridden.</summary>
    public virtual Tensor<T> Bias<T>(int fanIn, int fanOut, Rng rng) where T : unmanaged, IFloatingPointIeee754<T> => Tensor<T>.Zeros(fanOut);

    /// <summary>The initialiser to use before <paramref name="activation"/>: itself, except <see cref="Default"/>, which asks the activation.</summary>
    public virtual Initializer For(Activation activation) => this;

    /// <summary>Picked by the activation that follows (its <see cref="ActivationInfo.Init"/>): Glorot uniform for sigmoid/tanh/identity/softmax, He normal for the ReLU family.</summary>
    public static Initializer Default { get; } = new ByActivation();
    /// <summary>U(-a, a), a = √(6 / (in + out)) (Glorot and Bengio, 2010).</summary>
    public static Initializer GlorotUniform { get; } = new GlorotUniform();
    /// <summary>N(0, 2 / (in + out)).</summary>
    public static Initializer GlorotNormal { get; } = new GlorotNormal();
    /// <summary>U(-a, a), a = √(6 / in) (He et al., 2015).</summary>
    public static Initializer HeUniform { get; } = new HeUniform();
    /// <summary>N(0, 2 / in).</summary>
    public static Initializer HeNormal { get; } = new HeNormal();
    /// <summary>U(-a, a), a = √(3 / in) (LeCun et al., 1998; Keras' <c>lecun_uniform</c>).</summary>
    public static Initializer LeCunUniform { get; } = new LeCunUniform();
    /// <summary>N(0, 1 / in) (the initialiser of SELU networks; Keras truncates it, this does not).</summary>
    public static Initializer LeCunNormal { get; } = new LeCunNormal();
    /// <summary>A random orthogonal matrix (PyTorch's <c>orthogonal_</c> with gain 1): WᵀW = I when in ≥ out, else WWᵀ = I.</summary>
    public static Initializer Orthogonal { get; } = new Orthogonal();
    /// <summary>PyTorch's <c>nn.Linear</c> default: weights and bias U(-1/√in, 1/√in).</summary>
    public static Initializer TorchLinear { get; } = new TorchLinear();
    /// <summary>scikit-learn's MLP default: weights and bias U(-a, a), a = √(6 / (in + out)).</summary>
    public static Initializer SklearnUniform { get; } = new SklearnUniform();
    /// <summary>All zeros (a bad idea for weights: every unit learns the same thing; fine for biases).</summary>
    public static Initializer Zeros { get; } = new Zeros();

    /// <inheritdoc/>
    public bool Equals(Initializer? other) => other is not null && other.Name == Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Initializer);

    /// <inheritdoc/>
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>True when both are null or have the same name.</summary>
    public static bool operator ==(Initializer? a, Initializer? b) => a is null ? b is null : a.Equals(b);

    /// <summary>False when both are null or have the same name.</summary>
    public static bool operator !=(Initializer? a, Initializer? b) => !(a == b);
}
