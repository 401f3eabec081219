using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>Modules applied one after another; children are named by position (<c>0</c>, <c>1</c>, ...).</summary>
public sealed class Sequential<T>(params Module<T>[] layers) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Module<T>> Layers { get; } = layers;

    /// <inheritdoc/>
    public override IEnumerable<(string Name, Module<T> Module)> Children => Layers.Select((m, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), m));

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x)
    {
        foreach (var layer in Layers) x = layer.Forward(x);
        return x;
    }

    /// <summary>One layer per line.</summary>
    public override string ToString() => "Sequential(" + string.Join(", ", Layers) + ")";
}
