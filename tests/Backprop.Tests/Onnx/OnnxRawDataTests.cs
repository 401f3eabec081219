using Backprop.Datasets;
using Backprop.Nn;
using Backprop.Onnx;
using Backprop.Onnx.Proto;
using Backprop.Tests.Support;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Onnx;

/// <summary>
/// Float initializers are written as TensorProto.raw_data (little-endian float32), streamed from the weights into the file: each holds
/// exactly the model's bits (negative zero, subnormals and the largest float included), the streamed file parses to the same model as
/// the one built in memory, and ONNX Runtime reads it.
/// </summary>
public sealed class OnnxRawDataTests : TempDirTest
{
    [Fact]
    public void InitializersAreRawDataHoldingTheWeightsBitForBit()
    {
        var net = Network();
        string path = Dir.Path("model.onnx");
        OnnxExport.Save(net, path);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));

        var floats = model.Graph.Initializer.Where(t => t.DataType == (int)TensorProto.Types.DataType.Float).ToList();
        Assert.NotEmpty(floats);
        foreach (var t in floats)
        {
            Assert.Empty(t.FloatData);
            Assert.Equal(4 * t.Dims.Aggregate(1L, (a, d) => a * d), t.RawData.Length);
        }
        var dense = net.Model.Layers.OfType<Dense<float>>().ToList();
        var weights = floats.Where(t => t.Name.StartsWith("W_", StringComparison.Ordinal)).ToList();
        var biases = floats.Where(t => t.Name.StartsWith("b_", StringComparison.Ordinal)).ToList();
        Assert.Equal(dense.Count, weights.Count);
        for (int k = 0; k < dense.Count; k++)
        {
            Assert.Equal([dense[k].Inputs, dense[k].Outputs], weights[k].Dims);
            Assert.Equal(Bits(dense[k].W.Span), Bits(RawFloats(weights[k])));
            Assert.Equal(Bits(dense[k].B.Span), Bits(RawFloats(biases[k])));
        }
    }

    [Fact]
    public void StreamedFileIsTheModelBuiltInMemoryAndRunsInOnnxRuntime()
    {
        var net = Network();
        string path = Dir.Path("model.onnx");
        OnnxExport.Save(net, path);
        var streamed = File.ReadAllBytes(path);
        Assert.Equal(ModelProto.Parser.ParseFrom(OnnxExport.ToBytes(net)), ModelProto.Parser.ParseFrom(streamed));

        using var session = new InferenceSession(streamed);
        var x = BuiltIn.Wine<float>().Data.X;
        Assert.True(OrtRun.MaxDifference(session, net.Predict, x) < 1e-5);
    }

    // Wine's network (a first weight matrix of 13 × 1300 values, more than one 64 KB chunk) with weights that only an exact copy
    // keeps: −0, the smallest subnormals, a large float, also past the first chunk.
    private static Network<float> Network()
    {
        var net = Network<float>.For(BuiltIn.Wine<float>(), [1300], seed: 1);
        var first = net.Model.Layers.OfType<Dense<float>>().First();
        first.W.Span[0] = -0f;
        first.W.Span[1] = float.Epsilon;
        first.W.Span[2] = -float.Epsilon;
        first.W.Span[^1] = -0f;
        first.W.Span[^2] = float.Epsilon;
        first.B.Span[0] = float.MaxValue / 1e30f;
        return net;
    }

    private static float[] RawFloats(TensorProto t) =>
        [.. Enumerable.Range(0, t.RawData.Length / 4).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(t.RawData.Span[(i * 4)..]))];

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < bits.Length; i++) bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        return bits;
    }
}
