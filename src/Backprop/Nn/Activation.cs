using System.Globalization;
using System.Numerics;
using Backprop.Ops;

namespace Backprop.Nn;

/// <summary>The kinds of activation a layer can apply.</summary>
public enum ActivationKind
{
    /// <summary>y = x</summary>
    Identity,
    /// <summary>σ(x) = 1/(1 + e⁻ˣ)</summary>
    Sigmoid,
    /// <summary>tanh x</summary>
    Tanh,
    /// <summary>max(0, x)</summary>
    Relu,
    /// <summary>x if x &gt; 0 else αx</summary>
    LeakyRelu,
    /// <summary>softmax over the last axis</summary>
    Softmax,
}

/// <summary>An activation function, with its parameter for leaky ReLU.</summary>
public sealed record Activation(ActivationKind Kind, double Alpha = 0)
{
    /// <summary>y = x</summary>
    public static Activation Identity { get; } = new(ActivationKind.Identity);
    /// <summary>σ(x)</summary>
    public static Activation Sigmoid { get; } = new(ActivationKind.Sigmoid);
    /// <summary>tanh x</summary>
    public static Activation Tanh { get; } = new(ActivationKind.Tanh);
    /// <summary>max(0, x)</summary>
    public static Activation Relu { get; } = new(ActivationKind.Relu);
    /// <summary>softmax over the last axis</summary>
    public static Activation Softmax { get; } = new(ActivationKind.Softmax);
    /// <summary>x if x &gt; 0 else αx (default α = 0.01, as PyTorch).</summary>
    public static Activation LeakyRelu(double alpha = 0.01) => new(ActivationKind.LeakyRelu, alpha);

    /// <summary>y = f(x) elementwise (softmax, which works on rows, is not elementwise: it throws).</summary>
    public void Forward<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (Kind)
        {
            case ActivationKind.Identity: x.CopyTo(y); break;
            case ActivationKind.Sigmoid: new SigmoidFn<T>().Forward(x, y); break;
            case ActivationKind.Tanh: new TanhFn<T>().Forward(x, y); break;
            case ActivationKind.Relu: new ReluFn<T>().Forward(x, y); break;
            case ActivationKind.LeakyRelu: new LeakyReluFn<T>(T.CreateTruncating(Alpha)).Forward(x, y); break;
            default: throw new NotSupportedException($"{this} is not elementwise.");
        }
    }

    /// <summary>dx = dy ⊙ f'(x), with f' from x or from the forward output y.</summary>
    public void Backward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (Kind)
        {
            case ActivationKind.Identity: dy.CopyTo(dx); break;
            case ActivationKind.Sigmoid: new SigmoidFn<T>().Backward(x, y, dy, dx); break;
            case ActivationKind.Tanh: new TanhFn<T>().Backward(x, y, dy, dx); break;
            case ActivationKind.Relu: new ReluFn<T>().Backward(x, y, dy, dx); break;
            case ActivationKind.LeakyRelu: new LeakyReluFn<T>(T.CreateTruncating(Alpha)).Backward(x, y, dy, dx); break;
            default: throw new NotSupportedException($"{this} is not elementwise.");
        }
    }

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public const string Names = "sigmoid, tanh, relu, leaky_relu[:ALPHA], identity, softmax";

    /// <summary>Parses <c>sigmoid</c>, <c>tanh</c>, <c>relu</c>, <c>leaky_relu</c> or <c>leaky_relu:0.1</c>, <c>identity</c> (or <c>linear</c>), <c>softmax</c>.</summary>
    public static Activation Parse(string text)
    {
        var parts = text.Trim().ToLowerInvariant().Split(':', 2);
        Activation? result = parts[0] switch
        {
            "sigmoid" => Sigmoid,
            "tanh" => Tanh,
            "relu" => Relu,
            "leaky_relu" or "leakyrelu" or "leaky-relu" => parts.Length == 1 ? LeakyRelu()
                : double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var a) && double.IsFinite(a) ? LeakyRelu(a) : null,
            "identity" or "linear" => Identity,
            "softmax" => Softmax,
            _ => null,
        };
        if (result is null || (parts.Length == 2 && result.Kind != ActivationKind.LeakyRelu))
            throw new FormatException($"Unknown activation '{text}'; expected one of {Names}.");
        return result;
    }

    /// <summary>The name as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Kind switch
    {
        ActivationKind.LeakyRelu => $"leaky_relu:{Alpha.ToString(CultureInfo.InvariantCulture)}",
        ActivationKind.Relu => "relu",
        ActivationKind.Sigmoid => "sigmoid",
        ActivationKind.Tanh => "tanh",
        ActivationKind.Softmax => "softmax",
        _ => "identity",
    };
}
