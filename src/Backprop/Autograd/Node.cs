using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Autograd;

/// <summary>
/// One recorded op in the graph: it keeps what its backward needs (the forward pass's cache)
/// and, given the gradient of the loss with respect to its output, adds the gradient with respect
/// to each of its inputs into that input's <see cref="Tensor{T}.Grad"/>.
/// </summary>
public abstract class Node<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Records a node over its inputs.</summary>
    protected Node(params Tensor<T>[] inputs) => Inputs = inputs;

    /// <summary>The tensors this op read.</summary>
    public IReadOnlyList<Tensor<T>> Inputs { get; }

    /// <summary>The op's name, as shown in reports.</summary>
    public abstract string Name { get; }

    /// <summary>Adds <c>dL/dInput</c> into each input's gradient, given <paramref name="output"/> and <c>dL/dOutput</c>.</summary>
    protected internal abstract void Backward(Tensor<T> output, Tensor<T> gradOutput);

    /// <summary>Adds <paramref name="gradient"/> into <paramref name="input"/>'s gradient, if it requires one (the multi-path rule: contributions add).</summary>
    protected static void AccumulateGrad(Tensor<T> input, ReadOnlySpan<T> gradient)
    {
        if (!input.RequiresGrad) return;
        if (gradient.Length != input.Length)
            throw new ArgumentException($"AccumulateGrad: {gradient.Length} gradient values for a tensor of shape {input.Shape}.");
        Kernels.Elementwise.AddInPlace(input.GradBuffer().Span, gradient);
    }

    /// <summary>Marks <paramref name="output"/> as produced by <paramref name="node"/>, so that <c>Backward()</c> reaches it (a custom op calls this only when <see cref="GradMode.IsEnabled"/> and an input requires a gradient).</summary>
    public static Tensor<T> Record(Tensor<T> output, Node<T> node)
    {
        output.RequiresGrad = true;
        output.Creator = node;
        return output;
    }
}
