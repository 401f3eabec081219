using System.Numerics;
using Backprop.Kernels;
using Backprop.Nn.Activations;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// An activation function: what it is called (<see cref="Info"/>) and how it runs. The elementwise ones derive from
/// <see cref="ElementwiseActivation"/>, one file each under <c>Nn/Activations</c>; <see cref="Parse"/> finds them by name through
/// the registry, which every consumer (layers, initialisers, model files, explain, gradcheck, the CLI) reads.
/// Two activations are equal when they are written the same (<c>leaky_relu:0.1</c>).
/// </summary>
public abstract class Activation : IEquatable<Activation>
{
    private protected Activation(ActivationInfo info) => Info = info;

    /// <summary>Its names, default initialiser and formulas.</summary>
    public ActivationInfo Info { get; }

    /// <summary>True for y = x.</summary>
    public bool IsIdentity => this is Identity;

    /// <summary>True when each output depends on its own input only (false for softmax, which is row-wise).</summary>
    public bool IsElementwise => this is ElementwiseActivation;

    /// <summary>y = f(x) over spans (x and y may be the same span). Elementwise activations only.</summary>
    public abstract void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>dx = dy ⊙ f'(x), given x and y = f(x). Elementwise activations only.</summary>
    public abstract void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y = f(x) over rows of <paramref name="width"/> values: elementwise by default; a row-wise activation (softmax) overrides it.</summary>
    public virtual void ForwardRows<T>(ReadOnlySpan<T> x, Span<T> y, int width) where T : unmanaged, IFloatingPointIeee754<T> => Forward(x, y);

    /// <summary>dx from dy over rows of <paramref name="width"/> values, given x and y = f(x) (written over <paramref name="dx"/>): dy ⊙ f'(x) by default.</summary>
    public virtual void BackwardRows<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx, int width) where T : unmanaged, IFloatingPointIeee754<T>
        => Backward(x, y, dy, dx);

    /// <summary>f(x), recorded for backward.</summary>
    internal abstract Tensor<T> Apply<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The fused dense kernel A = f(X·W + b) for this activation.</summary>
    internal abstract IDenseKernel<T> DenseKernel<T>() where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>y = x</summary>
    public static Activation Identity { get; } = new Identity();
    /// <summary>σ(x) = 1/(1 + e⁻ˣ)</summary>
    public static Activation Sigmoid { get; } = new Sigmoid();
    /// <summary>tanh x</summary>
    public static Activation Tanh { get; } = new Tanh();
    /// <summary>max(0, x)</summary>
    public static Activation Relu { get; } = new Relu();
    /// <summary>softmax over the last axis</summary>
    public static Activation Softmax { get; } = new Softmax();
    /// <summary>x·Φ(x), Φ the standard normal CDF (PyTorch's exact GELU).</summary>
    public static Activation Gelu { get; } = new Gelu();
    /// <summary>GELU's tanh approximation (PyTorch's <c>approximate='tanh'</c>).</summary>
    public static Activation GeluTanh { get; } = new GeluTanh();
    /// <summary>x·σ(x) (swish).</summary>
    public static Activation Silu { get; } = new Silu();
    /// <summary>ln(1 + eˣ), x itself above 20 (PyTorch's defaults β = 1, threshold 20).</summary>
    public static Activation Softplus { get; } = new Softplus();
    /// <summary>x if x &gt; 0 else αx (default α = 0.01, as PyTorch).</summary>
    public static Activation LeakyRelu(double alpha = 0.01) => new LeakyRelu(alpha);
    /// <summary>x if x &gt; 0 else α(eˣ - 1) (default α = 1, as PyTorch).</summary>
    public static Activation Elu(double alpha = 1.0) => new Elu(alpha);

    /// <summary>The names <see cref="Parse"/> accepts, e.g. <c>sigmoid, tanh, relu, leaky_relu[:ALPHA], …</c>.</summary>
    public static string Names => string.Join(", ", Registered.Select(e => e.Usage));

    /// <summary>Every registered activation, in registration order.</summary>
    public static IReadOnlyList<ActivationEntry> Registered => ActivationRegistry.Entries;

    /// <summary>Reads a name as written by <see cref="ToString"/>: <c>relu</c>, <c>leaky_relu</c> or <c>leaky_relu:0.1</c>, <c>gelu</c>, …</summary>
    public static Activation Parse(string text) => ActivationRegistry.Parse(text);

    /// <summary>
    /// Makes <paramref name="name"/> known to <see cref="Parse"/> (and so to the CLI, model files and explain specs).
    /// <paramref name="create"/> receives the number after <c>name:</c>, or null; give <paramref name="parameter"/>
    /// (e.g. <c>ALPHA</c>) when the activation takes one.
    /// </summary>
    public static void Register(string name, Func<double?, Activation> create, string? parameter = null) =>
        ActivationRegistry.Add(new ActivationEntry(name, parameter, create));

    /// <summary>The name as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Info.Name;

    /// <inheritdoc/>
    public bool Equals(Activation? other) => other is not null && other.GetType() == GetType() && other.Info.Name == Info.Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Activation);

    /// <inheritdoc/>
    public override int GetHashCode() => Info.Name.GetHashCode(StringComparison.Ordinal);
}
