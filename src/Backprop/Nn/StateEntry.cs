using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>One entry of a module's state dict (<see cref="Module{T}.StateDict"/>): a tensor or a counter, by PyTorch's local name.</summary>
/// <param name="Name">PyTorch's name for it (<c>weight</c>, <c>running_mean</c>, <c>num_batches_tracked</c>).</param>
public abstract record StateEntry(string Name)
{
    /// <summary>The shape it is stored with (PyTorch's layout).</summary>
    public abstract IReadOnlyList<long> StoredShape { get; }
}

/// <summary>A parameter or buffer tensor. <paramref name="Transposed"/>: stored as PyTorch lays it out, the transpose of ours
/// (a Dense weight, ours [in, out], PyTorch's [out, in]).</summary>
/// <param name="Name">PyTorch's name for it.</param>
/// <param name="Value">The tensor itself (loading writes into it).</param>
/// <param name="IsBuffer">State that is not trained.</param>
/// <param name="Transposed">Stored as the transpose of a matrix.</param>
public sealed record TensorState<T>(string Name, Tensor<T> Value, bool IsBuffer = false, bool Transposed = false) : StateEntry(Name)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc/>
    public override IReadOnlyList<long> StoredShape => Transposed ? [Value.Shape[1], Value.Shape[0]] : [.. Value.Shape.ToArray().Select(d => (long)d)];

    /// <summary>The values in stored order, as doubles.</summary>
    public double[] Stored()
    {
        var values = Value.Span;
        var stored = new double[values.Length];
        if (!Transposed) { for (int i = 0; i < stored.Length; i++) stored[i] = double.CreateTruncating(values[i]); return stored; }
        int rows = Value.Shape[0], columns = Value.Shape[1];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) stored[j * rows + i] = double.CreateTruncating(values[i * columns + j]);
        return stored;
    }

    /// <summary>Writes the values in stored order as little-endian bytes of <typeparamref name="T"/> (F32 or F64) to <paramref name="stream"/>, a chunk
    /// at a time, with no copy of the tensor (in doubles or in bytes) between.</summary>
    internal void WriteStored(Stream stream)
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>(), length = Value.Length;
        int rows = Transposed ? Value.Shape[0] : 1, columns = Transposed ? Value.Shape[1] : length;
        var chunk = new byte[Math.Min(length * size, 1 << 16)];
        var values = Value.Span;
        int used = 0;
        for (int at = 0; at < length; at++) // stored index at = j·rows + i holds ours [i, j]
        {
            int from = Transposed ? at % rows * columns + at / rows : at;
            if (size == 4) System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(used), float.CreateTruncating(values[from]));
            else System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(chunk.AsSpan(used), double.CreateTruncating(values[from]));
            if ((used += size) == chunk.Length) { stream.Write(chunk); used = 0; }
        }
        stream.Write(chunk, 0, used);
    }

    /// <summary>Writes <paramref name="stored"/>, the values from stored index <paramref name="at"/> on, into the tensor (a chunk of a file being read).</summary>
    internal void LoadStored(int at, ReadOnlySpan<double> stored)
    {
        var values = Value.Span;
        if (!Transposed) { for (int k = 0; k < stored.Length; k++) values[at + k] = T.CreateTruncating(stored[k]); return; }
        int rows = Value.Shape[0], columns = Value.Shape[1];
        for (int k = 0; k < stored.Length; k++) // stored index s = j·rows + i holds ours [i, j]
        {
            int s = at + k;
            values[s % rows * columns + s / rows] = T.CreateTruncating(stored[k]);
        }
    }

    /// <summary>Writes values given in stored order into the tensor.</summary>
    public void Load(ReadOnlySpan<double> stored)
    {
        var values = Value.Span;
        if (!Transposed) { for (int i = 0; i < stored.Length; i++) values[i] = T.CreateTruncating(stored[i]); return; }
        int rows = Value.Shape[0], columns = Value.Shape[1];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++) values[i * columns + j] = T.CreateTruncating(stored[j * rows + i]);
    }
}

/// <summary>A whole-number count stored as a 64-bit integer scalar (batch norm's <c>num_batches_tracked</c>).</summary>
/// <param name="Name">PyTorch's name for it.</param>
/// <param name="Get">Reads the count.</param>
/// <param name="Set">Writes the count (a loaded file's value, checked ≥ 0 by the reader).</param>
public sealed record CounterState(string Name, Func<long> Get, Action<long> Set) : StateEntry(Name)
{
    /// <inheritdoc/>
    public override IReadOnlyList<long> StoredShape => [];
}
