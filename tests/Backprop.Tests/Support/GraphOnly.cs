using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Support;

/// <summary>A module the layer plan does not know, wrapping another: it forces training, evaluation and prediction onto the autograd graph.</summary>
internal sealed class GraphOnly<T>(Module<T> inner) : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public override IEnumerable<(string Name, Module<T> Module)> Children => [("inner", inner)];

    public override Tensor<T> Forward(Tensor<T> x) => inner.Forward(x);
}
