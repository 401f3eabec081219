using System.Numerics;
using Backprop.Autograd;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Ops;

/// <summary>Y = X with another shape of the same length (shares memory);  dL/dX = dL/dY reshaped back</summary>
internal sealed class Reshape<T>(Tensor<T> x) : Node<T>(x) where T : unmanaged, IFloatingPointIeee754<T>
{
    public static Tensor<T> Apply(Tensor<T> x, int[] dims)
    {
        dims = (int[])dims.Clone();
        if (dims.Count(d => d == -1) > 1)
            throw new ArgumentException($"Reshape: only one dimension may be -1; got [{string.Join(", ", dims)}] for {x.Shape}.");
        int inferred = Array.IndexOf(dims, -1);
        if (inferred >= 0)
        {
            int known = 1;
            for (int i = 0; i < dims.Length; i++) if (i != inferred) known *= dims[i];
            if (known == 0 || x.Length % known != 0)
                throw new ArgumentException($"Reshape: cannot infer -1 in [{string.Join(", ", dims)}] for {x.Length} elements of {x.Shape}.");
            dims[inferred] = x.Length / known;
        }
        var shape = new Shape(dims);
        if (shape.Length != x.Length)
            throw new ArgumentException($"Reshape: {x.Shape} ({x.Length} elements) cannot become {shape} ({shape.Length} elements).");
        var y = new Tensor<T>(shape, x.Data);
        return GradMode.Needs(x) ? Record(y, new Reshape<T>(x)) : y;
    }

    public override string Name => "reshape";

    protected internal override void Backward(Tensor<T> output, Tensor<T> dy) => Elementwise.AddInPlace(x.GradBuffer().Span, dy.Span);
}
