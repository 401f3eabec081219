using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Backprop.Errors;
using Backprop.Onnx.Proto;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>
/// Writes a model whose float initializers are still values (<see cref="OnnxGraph.Floats"/>): each as TensorProto.raw_data, little-endian
/// float32. <see cref="Write"/> streams them into the file a chunk at a time (the graph's length computed first), so writing holds no copy
/// of the weights; <see cref="Complete"/> builds the whole proto in memory (for <c>ToBytes</c> and tests). Both give the same parsed model.
/// </summary>
internal static class OnnxModelWriter
{
    private const int Chunk = 1 << 16; // bytes converted at a time

    /// <summary>Writes <paramref name="model"/> (its graph not set) with <paramref name="graph"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="BackpropException">The graph would pass protobuf's 2 GB limit on a message.</exception>
    public static void Write(ModelProto model, OnnxGraph graph, Stream stream)
    {
        long length = graph.Proto.CalculateSize() + graph.Floats.Sum(f => Field(GraphProto.InitializerFieldNumber, TensorLength(f)));
        if (length > int.MaxValue) throw BackpropException.BadInput($"ONNX export: the graph would take {length} bytes; protobuf, and so ONNX, cannot hold more than {int.MaxValue} in one file.");
        using var output = new CodedOutputStream(stream, leaveOpen: true);
        model.WriteTo(output); // every field but the graph, which follows (a field's order in the stream does not matter to protobuf)
        output.WriteTag(ModelProto.GraphFieldNumber, WireFormat.WireType.LengthDelimited);
        output.WriteLength((int)length);
        graph.Proto.WriteTo(output);
        foreach (var f in graph.Floats)
        {
            output.WriteTag(GraphProto.InitializerFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteLength((int)TensorLength(f));
            f.Header.WriteTo(output);
            if (f.Values.Count == 0) continue; // proto3 leaves empty bytes out
            output.WriteTag(TensorProto.RawDataFieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteLength((int)f.RawLength);
            output.Flush();
            WriteRaw(f.Values, stream);
        }
        output.Flush();
    }

    /// <summary>The whole model in memory: <paramref name="model"/> with <paramref name="graph"/>, each float initializer's raw_data filled.</summary>
    public static ModelProto Complete(ModelProto model, OnnxGraph graph)
    {
        var whole = model.Clone();
        whole.Graph = graph.Proto.Clone();
        foreach (var f in graph.Floats)
        {
            var tensor = f.Header.Clone();
            using var bytes = new MemoryStream(checked((int)f.RawLength));
            WriteRaw(f.Values, bytes);
            tensor.RawData = UnsafeByteOperations.UnsafeWrap(bytes.GetBuffer().AsMemory(0, (int)bytes.Length));
            whole.Graph.Initializer.Add(tensor);
        }
        return whole;
    }

    // An initializer's encoded length: its header, then raw_data's tag, length and bytes.
    private static long TensorLength(FloatInitializer f) => f.Header.CalculateSize() + (f.Values.Count == 0 ? 0 : Field(TensorProto.RawDataFieldNumber, f.RawLength));

    // A length-delimited field's size: tag, length, payload.
    private static long Field(int number, long payload) =>
        CodedOutputStream.ComputeTagSize(number) + CodedOutputStream.ComputeLengthSize((int)Math.Min(payload, int.MaxValue)) + payload;

    // The values as little-endian float32 bytes, a chunk at a time (an array on a little-endian machine as it is).
    private static void WriteRaw(IReadOnlyList<float> values, Stream stream)
    {
        if (values is float[] array && BitConverter.IsLittleEndian) { stream.Write(MemoryMarshal.AsBytes(array.AsSpan())); return; }
        var buffer = new byte[Chunk];
        for (int start = 0; start < values.Count; start += Chunk / 4)
        {
            int n = Math.Min(Chunk / 4, values.Count - start);
            for (int i = 0; i < n; i++) BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(i * 4), values[start + i]);
            stream.Write(buffer, 0, n * 4);
        }
    }
}
