using Backprop.IO;
using Backprop.Nn;

namespace Backprop.Tests.IO;

/// <summary>
/// A model file's tensors are written straight from the weights (<see cref="DeferredBytes"/>): their length is known without making
/// them, writing the file calls each tensor's writer once, and the file holds the same bytes as the tensors made in memory.
/// </summary>
public sealed class DeferredBytesTests
{
    [Fact]
    public void LengthMakesNothingAndWritingCallsTheWriterOnce()
    {
        int calls = 0;
        var memory = new DeferredBytes(3, s => { calls++; s.Write([1, 2, 3]); }).Memory;
        Assert.Equal(3, memory.Length);
        Assert.Equal(0, calls);
        var file = new SafetensorsFile([new SafetensorsTensor("t", "U8", [3], memory)], new Dictionary<string, string>());
        using var stream = new MemoryStream();
        file.Write(stream);
        Assert.Equal(1, calls);
        Assert.Equal([1, 2, 3], stream.ToArray()[^3..]);
        Assert.Equal([1, 2, 3], memory.Span.ToArray());
    }

    [Fact]
    public void AWriterOfAnotherLengthIsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new DeferredBytes(4, s => s.Write([1, 2, 3])).Memory.Span.ToArray());

    [Fact]
    public void ModelFileTensorsAreThePyTorchLayoutOfTheWeights()
    {
        int inputs = 150, outputs = 120; // 72,000 bytes: more than one 64 KB chunk
        var dense = new Dense<float>(inputs, outputs, seed: 4);
        dense.W.Span[0] = -0f;
        dense.W.Span[1] = float.Epsilon;
        dense.W.Span[^1] = -0f;
        var model = new Sequential<float>(dense);
        using var stream = new MemoryStream();
        ModelFile.Write(stream, model);
        var read = SafetensorsFile.Parse(stream.ToArray(), "model");
        var weight = read.Find("0.weight")!;
        Assert.Equal([(long)outputs, inputs], weight.Shape);
        var w = dense.W.Span; // ours [in, out]; PyTorch's [out, in]
        var stored = weight.ToDoubles();
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits(w[i * outputs + o]), BitConverter.SingleToInt32Bits((float)stored[o * inputs + i]));
        Assert.Equal(dense.B.ToArray().Select(v => (double)v), read.Find("0.bias")!.ToDoubles());
    }
}
