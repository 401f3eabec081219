using System.Buffers.Binary;
using Backprop.Errors;

namespace Backprop.IO;

/// <summary>One tensor of a safetensors file: its name, dtype (<c>F32</c>, <c>F64</c>, ...), shape and raw little-endian bytes.</summary>
public sealed record SafetensorsTensor(string Name, string DType, IReadOnlyList<long> Shape, ReadOnlyMemory<byte> Data)
{
    /// <summary>Bytes per element of each dtype the format defines; Backprop reads and writes F32 and F64 values and I64 counts.</summary>
    internal static readonly IReadOnlyDictionary<string, int> ElementSizes = new Dictionary<string, int>
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E5M2"] = 1, ["F8_E4M3"] = 1, ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4, ["F64"] = 8, ["I64"] = 8, ["U64"] = 8,
    };

    /// <summary>The number of elements: the product of the shape.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>A tensor of F32 or F64 values from doubles (narrowed to float for F32).</summary>
    public static SafetensorsTensor FromValues(string name, string dtype, IReadOnlyList<long> shape, ReadOnlySpan<double> values)
    {
        var bytes = dtype switch
        {
            "F32" => new byte[values.Length * 4],
            "F64" => new byte[values.Length * 8],
            _ => throw new ArgumentException($"Tensor \"{name}\": dtype {dtype} cannot be written; only F32 and F64."),
        };
        for (int i = 0; i < values.Length; i++)
        {
            if (dtype == "F32") BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), (float)values[i]);
            else BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }
        return new SafetensorsTensor(name, dtype, shape, bytes);
    }

    /// <summary>An I64 tensor (PyTorch's dtype for counts such as BatchNorm1d's <c>num_batches_tracked</c>, a scalar of shape []).</summary>
    public static SafetensorsTensor FromInt64s(string name, IReadOnlyList<long> shape, ReadOnlySpan<long> values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        return new SafetensorsTensor(name, "I64", shape, bytes);
    }

    /// <summary>The values of an I64 tensor; <paramref name="file"/> goes into the error for another dtype.</summary>
    public long[] ToInt64s(string file = "") => DType == "I64"
        ? [.. Enumerable.Range(0, Data.Length / 8).Select(i => BinaryPrimitives.ReadInt64LittleEndian(Data.Span[(i * 8)..]))]
        : throw BackpropException.BadInput($"{file}{(file.Length > 0 ? ": " : "")}tensor \"{Name}\" has dtype {DType}; expected I64.");

    /// <summary>The floating-point dtypes whose values <see cref="ToDoubles"/> reads (F16 and BF16 widen exactly to double).</summary>
    public static IReadOnlyList<string> FloatingDTypes { get; } = ["F32", "F64", "F16", "BF16"];

    /// <summary>The values as doubles; <paramref name="file"/> goes into the error for a dtype other than F32, F64, F16 or BF16.</summary>
    public double[] ToDoubles(string file = "")
    {
        CheckFloating(file);
        var values = new double[Data.Length / ElementSizes[DType]];
        for (int i = 0; i < values.Length; i++) values[i] = Value(i);
        return values;
    }

    /// <summary>The flat index of the first NaN or infinite value of a floating-point tensor (F64, F32, F16, BF16), or null; read a chunk at a time.</summary>
    internal int? FirstNonFinite()
    {
        if (!FloatingDTypes.Contains(DType)) return null;
        int? first = null;
        ReadValues((at, values) =>
        {
            if (first is not null) return;
            for (int i = 0; i < values.Length; i++)
                if (!double.IsFinite(values[i])) { first = at + i; return; }
        });
        return first;
    }

    /// <summary>
    /// Hands the values of a floating-point tensor (see <see cref="CheckFloating"/>) to <paramref name="values"/> in stored order, a chunk at
    /// a time with the flat index of its first: from the file a chunk at a time when the tensor is read from one when used
    /// (<see cref="SafetensorsFile.Open"/>), so a tensor goes into a model without a copy of its bytes.
    /// </summary>
    internal void ReadValues(ValueChunk values)
    {
        int size = ElementSizes[DType];
        var decoded = new double[Math.Min(FileRegion.ChunkBytes / size, Math.Max(Data.Length / size, 1))];
        ReadBytes((at, bytes) =>
        {
            int n = bytes.Length / size;
            for (int i = 0; i < n; i++) decoded[i] = Decode(DType, bytes[(i * size)..]);
            values(at / size, decoded.AsSpan(0, n));
        });
    }

    // The tensor's bytes in chunks: streamed from the file when not yet read, else from memory.
    private void ReadBytes(ByteChunk chunk)
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetMemoryManager(Data, out FileRegion? region, out int start, out int length))
        {
            region.ReadChunks(start, length, chunk);
            return;
        }
        var span = Data.Span;
        for (int at = 0; at < span.Length; at += FileRegion.ChunkBytes) chunk(at, span.Slice(at, Math.Min(FileRegion.ChunkBytes, span.Length - at)));
    }

    /// <summary>The element at flat <paramref name="index"/> as its multi-index, e.g. <c>[1, 0]</c>.</summary>
    internal string IndexText(int index)
    {
        var at = new long[Shape.Count];
        long rest = index;
        for (int d = Shape.Count - 1; d >= 0; d--) (at[d], rest) = (rest % Shape[d], rest / Shape[d]);
        return $"[{string.Join(", ", at)}]";
    }

    /// <summary>NaN, infinity or -infinity: the value at <paramref name="index"/>, in words.</summary>
    internal string ValueText(int index) => Value(index) switch
    {
        double.PositiveInfinity => "infinity",
        double.NegativeInfinity => "-infinity",
        var v => double.IsNaN(v) ? "NaN" : v.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    // Element i of a floating-point tensor as a double.
    /// <summary>Throws (bad input, naming <paramref name="file"/> and the tensor) unless the dtype is one <see cref="ValueAt"/> reads.</summary>
    internal void CheckFloating(string file = "")
    {
        if (!FloatingDTypes.Contains(DType))
            throw BackpropException.BadInput($"{file}{(file.Length > 0 ? ": " : "")}tensor \"{Name}\" has dtype {DType}; only {string.Join(", ", FloatingDTypes)} are supported.");
    }

    /// <summary>The value at flat index <paramref name="i"/> of a floating-point tensor (see <see cref="CheckFloating"/>), read from its bytes.</summary>
    internal double ValueAt(int i) => Value(i);

    private double Value(int i) => Decode(DType, Data.Span[(i * ElementSizes[DType])..]);

    // The floating-point element at the start of bytes.
    private static double Decode(string dtype, ReadOnlySpan<byte> bytes) => dtype switch
    {
        "F64" => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
        "F32" => BinaryPrimitives.ReadSingleLittleEndian(bytes),
        "F16" => (double)BinaryPrimitives.ReadHalfLittleEndian(bytes),
        _ => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes) << 16), // BF16: a float's top half
    };
}

/// <summary>Values of a tensor in stored order, and the flat index of the first.</summary>
internal delegate void ValueChunk(int at, ReadOnlySpan<double> values);
