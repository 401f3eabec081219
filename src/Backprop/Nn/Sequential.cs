using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Modules applied one after another. A child that holds parameters is named <c>layer1</c>, <c>layer2</c>, ... (counting only
/// such children, as W1, W2 are counted in the math), so its parameters are <c>layer1.w</c>, <c>layer1.b</c> whether the
/// activations are inside the Dense layers or separate layers; a child without parameters (an activation layer) is named by its position.
/// </summary>
public sealed class Sequential<T>(params Module<T>[] layers) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Module<T>> Layers { get; } = layers;

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Module<T> Module)> Children
    {
        get
        {
            int layer = 0;
            for (int i = 0; i < Layers.Count; i++)
                yield return (Layers[i].Parameters().Any() ? $"layer{++layer}" : i.ToString(System.Globalization.CultureInfo.InvariantCulture), Layers[i]);
        }
    }

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x)
    {
        foreach (var layer in Layers) x = layer.Forward(x);
        return x;
    }

    /// <summary>One layer per line.</summary>
    public override string ToString() => "Sequential(" + string.Join(", ", Layers) + ")";
}
