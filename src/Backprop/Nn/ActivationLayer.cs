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

    /// <summary>Explain face: a = f(x); backward dL/da and dL/dx = dL/da ⊙ f'(x) from the autograd graph.</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        var a = Forward(x);
        trace.Forward("a", $"a = {Activation}(x)", a, $@"a = \mathrm{{{Activation}}}(x)");
        trace.Backward("dL/da", "dL/da", a, @"\partial L/\partial a");
        if (!ReferenceEquals(a, x))
            trace.Backward("dL/dx", Activation.IsElementwise ? "dL/dx = dL/da ⊙ f'(x)" : "dL/dx = (∂a/∂x)ᵀ·dL/da", x,
                Activation.IsElementwise ? @"\partial L/\partial x = \partial L/\partial a \odot f'(x)" : @"\partial L/\partial x = (\partial a/\partial x)^\top \partial L/\partial a");
        trace.Jacobian(Activation.IsElementwise ? $"∂a[j]/∂x[j] = f'(x[j]), with {Activation.Info.Derivative}" : $"∂a[q]/∂x[j] of {Activation} (every output reads the whole row)");
        return a;
    }

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
