namespace Backprop.Tensors;

/// <summary>The dimensions of a tensor, outermost first (row-major). Rank 0 is a scalar.</summary>
public sealed class Shape : IEquatable<Shape>
{
    /// <summary>The largest rank a tensor may have.</summary>
    public const int MaxRank = 4;

    private readonly int[] _dims;

    /// <summary>Creates a shape from its dimensions; each at least 0.</summary>
    public Shape(params int[] dims)
    {
        if (dims.Length > MaxRank)
            throw new ArgumentException($"A tensor has rank 0 to {MaxRank}; got rank {dims.Length} {Format(dims)}.");
        long length = 1;
        foreach (var d in dims)
        {
            if (d < 0) throw new ArgumentException($"Shape {Format(dims)} has a negative dimension.");
            length *= d;
        }
        if (length > int.MaxValue) throw new ArgumentException($"Shape {Format(dims)} holds more than {int.MaxValue} elements.");
        _dims = (int[])dims.Clone();
        Length = (int)length;
    }

    /// <summary>The scalar shape <c>[]</c>.</summary>
    public static Shape Scalar { get; } = new();

    /// <summary>Number of dimensions.</summary>
    public int Rank => _dims.Length;

    /// <summary>Number of elements (the product of the dimensions).</summary>
    public int Length { get; }

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int this[int axis] => _dims[NormalizeAxis(axis)];

    /// <summary>The sizes before, along and after <paramref name="axis"/> (a reduction sees the tensor as [outer, n, inner]).</summary>
    internal (int Outer, int N, int Inner) AroundAxis(int axis)
    {
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= _dims[i];
        for (int i = axis + 1; i < Rank; i++) inner *= _dims[i];
        return (outer, _dims[axis], inner);
    }

    /// <summary>A copy of the dimensions.</summary>
    public int[] ToArray() => (int[])_dims.Clone();

    internal ReadOnlySpan<int> Dims => _dims;

    /// <summary>Turns a possibly negative axis into an index in <c>0..Rank-1</c>, or throws saying which axis.</summary>
    public int NormalizeAxis(int axis)
    {
        int a = axis < 0 ? axis + Rank : axis;
        if (a < 0 || a >= Rank) throw new ArgumentOutOfRangeException(nameof(axis), $"Axis {axis} is out of range for shape {this}.");
        return a;
    }

    /// <summary>The shape with dimension <paramref name="axis"/> removed.</summary>
    public Shape Without(int axis)
    {
        axis = NormalizeAxis(axis);
        var dims = new int[Rank - 1];
        for (int i = 0, j = 0; i < Rank; i++) if (i != axis) dims[j++] = _dims[i];
        return new Shape(dims);
    }

    /// <inheritdoc/>
    public bool Equals(Shape? other) => other is not null && _dims.AsSpan().SequenceEqual(other._dims);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in _dims) h.Add(d);
        return h.ToHashCode();
    }

    /// <summary>Value equality.</summary>
    public static bool operator ==(Shape? a, Shape? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(Shape? a, Shape? b) => !(a == b);

    /// <summary>Formats as <c>[32, 10]</c>.</summary>
    public override string ToString() => Format(_dims);

    private static string Format(int[] dims) => "[" + string.Join(", ", dims) + "]";

    /// <summary>The NumPy broadcast of two shapes (dimensions aligned from the right; 1 stretches), or throws naming both.</summary>
    public static Shape Broadcast(Shape a, Shape b, string op)
    {
        int rank = Math.Max(a.Rank, b.Rank);
        var dims = new int[rank];
        for (int i = 1; i <= rank; i++)
        {
            int da = i <= a.Rank ? a._dims[a.Rank - i] : 1;
            int db = i <= b.Rank ? b._dims[b.Rank - i] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: shapes {a} and {b} do not broadcast (dimension {rank - i}: {da} vs {db}).");
            dims[rank - i] = da == 1 ? db : da;
        }
        return new Shape(dims);
    }
}
