using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>An activation as a module of its own (PyTorch style: <c>Dense, ActivationLayer, Dense</c>).</summary>
public sealed class ActivationLayer<T>(Activation activation) : Module<T>, IPlannableLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The function applied.</summary>
    public Activation Activation { get; } = activation;

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => x.Apply(Activation);

    int? IPlannableLayer<T>.InputWidth => null;

    LayerStep<T>? IPlannableLayer<T>.CreateStep(int inputs, int maxRows)
        => !Activation.IsElementwise ? null : new ActivationStep<T>(Activation, inputs, maxRows);

    /// <summary>The activation's name.</summary>
    public override string ToString() => Activation.ToString();
}
