using System.Buffers.Binary;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tests.Data;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>Files that are not safetensors, are cut short, or do not fit the architecture give one message naming the file and tensor.</summary>
public sealed class BadModelFileTests : TempDirTest
{
    private static readonly Architecture Small = Architecture.Mlp([2, 2, 1], Activation.Relu);

    private (string Path, string Message) Load(byte[] bytes, Architecture? architecture = null)
    {
        var path = Dir.Path("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        return (path, Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path, architecture ?? Small)).Message);
    }

    [Fact]
    public void TextFileIsNotSafetensors()
    {
        var (path, message) = Load("sepal_length,sepal_width\n5.1,3.5\n"u8.ToArray());
        Assert.StartsWith($"{path}: not a safetensors file: header length", message);
    }

    [Fact]
    public void TinyFile() => Assert.EndsWith("not a safetensors file: 3 bytes, less than the 8-byte header length.", Load([1, 2, 3]).Message);

    [Fact]
    public void HeaderLengthBeyondTheFile()
    {
        var bytes = TorchFile.SmallMlp()[..40];
        Assert.EndsWith($"truncated or not a safetensors file: header length {BinaryPrimitives.ReadUInt64LittleEndian(bytes)} runs past the end of the file (40 bytes).", Load(bytes).Message);
    }

    [Fact]
    public void DataCutShort()
    {
        var bytes = TorchFile.SmallMlp();
        Assert.EndsWith("tensor \"2.bias\": data offsets [32, 36] lie outside the 34-byte data buffer (truncated file?).", Load(bytes[..^2]).Message);
    }

    [Fact]
    public void HeaderThatIsNotJson()
    {
        var bytes = TorchFile.Build("{\"0.weight\": [nope", []);
        Assert.Contains("not a safetensors file: the 24-byte header is not JSON", Load(bytes).Message);
    }

    [Fact]
    public void WrongShapeForTheArchitecture() =>
        Assert.EndsWith("tensor \"0.weight\" (layer1.w) has shape [1, 4]; the architecture 2-2-1 (relu, identity) needs [2, 2] ([out, in]).", Load(TorchFile.SmallMlp(firstShape: "[1,4]")).Message);

    [Fact]
    public void ShapeThatDoesNotMatchTheBytes() =>
        Assert.EndsWith("tensor \"0.weight\": F32 shape [3, 2] needs 24 bytes; its data offsets give 16.", Load(TorchFile.SmallMlp(firstShape: "[3,2]")).Message);

    [Fact]
    public void UnsupportedDtype() =>
        Assert.EndsWith("tensor \"0.weight\" has dtype I32; only F32, F64, F16, BF16 are supported.", Load(TorchFile.SmallMlp(weightDtype: "I32")).Message);

    [Fact]
    public void UnknownDtype() =>
        Assert.EndsWith("tensor \"0.weight\": unknown dtype \"F33\".", Load(TorchFile.SmallMlp(weightDtype: "F33")).Message);

    [Fact]
    public void MissingAndExtraTensors()
    {
        Assert.EndsWith("tensor \"4.weight\" (layer3.w) is missing; the architecture 2-2-1-1 (relu, relu, identity) needs it with shape [1, 1] ([out, in]); "
            + "the file has \"0.weight\" [2, 2], \"0.bias\" [2], \"2.weight\" [1, 2], \"2.bias\" [1]; the file's Linear weights chain as 2-2-1 (--layers 2-2-1).",
            Load(TorchFile.SmallMlp(), Architecture.Mlp([2, 2, 1, 1], Activation.Relu)).Message);
        Assert.EndsWith("2 tensors \"2.weight\" [1, 2], \"2.bias\" [1] are not part of the model; the architecture 2-2 (relu) needs 0.weight [2, 2], 0.bias [2]; "
            + "the file's Linear weights chain as 2-2-1 (--layers 2-2-1).",
            Load(TorchFile.SmallMlp(), new Architecture([2, 2], [Activation.Relu])).Message);
    }

    [Fact]
    public void MissingFile()
    {
        var path = Dir.Path("none.safetensors");
        Assert.Equal($"{path}: file not found.", Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path)).Message);
    }

    [Fact]
    public void MalformedBackpropMetadata()
    {
        var bytes = TorchFile.Build("{\"__metadata__\":{\"architecture\":\"{\\\"sizes\\\":[2,1],\\\"activations\\\":[\\\"mish\\\"]}\"}}", []);
        Assert.Contains("__metadata__ \"architecture\" is not valid (Unknown activation 'mish'", Load(bytes, null).Message);
    }
}
