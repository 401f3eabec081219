using System.Numerics;
using Backprop.Autograd;

namespace Backprop.Tensors;

/// <summary>
/// A dense, row-major, contiguous tensor of rank 0 to 4 over <c>float</c> or <c>double</c>.
/// When <see cref="RequiresGrad"/> is set, every op on it records a node so that
/// <see cref="Backward()"/> can send gradients back to it.
/// </summary>
public sealed partial class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal readonly T[] Data;

    /// <summary>Wraps <paramref name="data"/> (not copied) with the given shape.</summary>
    internal Tensor(Shape shape, T[] data)
    {
        if (data.Length < shape.Length)
            throw new ArgumentException($"Shape {shape} needs {shape.Length} values; got {data.Length}.");
        Shape = shape;
        Data = data;
    }

    /// <summary>A zero tensor of the given shape.</summary>
    public Tensor(Shape shape) : this(shape, new T[shape.Length]) { }

    /// <summary>The dimensions.</summary>
    public Shape Shape { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Length => Shape.Length;

    /// <summary>The values, row-major.</summary>
    public Span<T> Span => Data.AsSpan(0, Shape.Length);

    /// <summary>Whether ops record this tensor for <see cref="Backward()"/>. Set it on parameters (leaves).</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The gradient of the last <see cref="Backward()"/> with respect to this tensor, summed over every path; null until one reaches it.</summary>
    public Tensor<T>? Grad { get; internal set; }

    /// <summary>The op that produced this tensor, or null for a leaf.</summary>
    public Node<T>? Creator { get; internal set; }

    /// <summary>An optional name, used in error messages and reports.</summary>
    public string? Name { get; set; }

    /// <summary>The single value of a one-element tensor.</summary>
    public T Item => Length == 1 ? Data[0] : throw new InvalidOperationException($"Item needs a one-element tensor; got {Shape}.");

    /// <summary>The value at the given indices (one per dimension).</summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public T this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    private int Offset(int[] index)
    {
        if (index.Length != Rank) throw new ArgumentException($"Tensor {Shape} needs {Rank} indices; got {index.Length}.");
        int offset = 0;
        for (int i = 0; i < Rank; i++)
        {
            if ((uint)index[i] >= (uint)Shape[i])
                throw new IndexOutOfRangeException($"Index {index[i]} is out of range for dimension {i} of {Shape}.");
            offset = offset * Shape[i] + index[i];
        }
        return offset;
    }

    /// <summary>The values as a new array, row-major.</summary>
    public T[] ToArray() => Span.ToArray();

    /// <summary>A copy that shares nothing and records nothing.</summary>
    public Tensor<T> Clone() => new(Shape, ToArray());

    /// <summary>The same values cut off from the graph: no gradient flows through it.</summary>
    public Tensor<T> Detach() => new(Shape, Data);

    /// <summary>Clears <see cref="Grad"/> (sets it to zero, keeping its memory).</summary>
    public void ZeroGrad() => Grad?.Span.Clear();

    /// <summary>The gradient buffer, created as zeros on first use; backward functions add into it.</summary>
    internal Tensor<T> GradBuffer() => Grad ??= new Tensor<T>(Shape);

    /// <summary>The same tensor in another precision (a new leaf).</summary>
    public Tensor<TOut> Cast<TOut>() where TOut : unmanaged, IFloatingPointIeee754<TOut>
    {
        var result = new Tensor<TOut>(Shape);
        var src = Span; var dst = result.Span;
        for (int i = 0; i < src.Length; i++) dst[i] = TOut.CreateTruncating(src[i]);
        return result;
    }

    /// <summary>Runs reverse-mode differentiation from this scalar: every tensor it depends on gets <c>dThis/dTensor</c> added to its <see cref="Grad"/>.</summary>
    public void Backward() => Graph.Backward(this, null);

    /// <summary>Runs reverse-mode differentiation from a non-scalar with an explicit upstream gradient of the same shape.</summary>
    public void Backward(Tensor<T> gradient) => Graph.Backward(this, gradient);
}
