using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>A float initializer of the graph: its proto (name, dims, type; no data yet) and its values, turned into raw_data only when written.</summary>
/// <param name="Header">The tensor's proto without its values.</param>
/// <param name="Values">Its values in row-major order (often a view of the model's weights, see <c>OnnxValues.View</c>).</param>
internal sealed record FloatInitializer(TensorProto Header, IReadOnlyList<float> Values)
{
    /// <summary>The raw_data's length: 4 little-endian bytes per value.</summary>
    public long RawLength => 4L * Values.Count;
}
