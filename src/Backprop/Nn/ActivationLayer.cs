using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>An activation as a module of its own (PyTorch style: <c>Dense, ActivationLayer, Dense</c>).</summary>
public sealed class ActivationLayer<T>(Activation activation) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The function applied.</summary>
    public Activation Activation { get; } = activation;

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => x.Apply(Activation);

    /// <inheritdoc/>
    public override LayerStep<T> CreateStep(int inputs, int maxRows) => new ActivationStep<T>(Activation, inputs, maxRows);

    /// <inheritdoc/>
    public override ModuleConfig Config => new ActivationConfig(Activation.ToString());

    /// <inheritdoc/>
    public override int TorchModules => Activation.IsIdentity ? 0 : 1;

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs) => Activation.Info.Torch is { } f ? [f] : [];

    /// <inheritdoc/>
    public override string WriteOnnx(IOnnxGraph graph, string x) => graph.Activation(Activation, x)
        ?? throw new NotSupportedException($"activation {Activation} has no ONNX form; register one with OnnxActivations.Register");

    /// <summary>The activation's name.</summary>
    public override string ToString() => Activation.ToString();
}

/// <summary>An <see cref="ActivationLayer{T}"/>'s settings: the activation by registered name (<c>relu</c>, <c>leaky_relu:0.1</c>).</summary>
/// <param name="Activation">The activation's name.</param>
public sealed record ActivationConfig(string Activation = "identity") : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) => new ActivationLayer<T>(Nn.Activation.Parse(Activation));
}
