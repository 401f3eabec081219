using System.Buffers.Binary;
using System.Text;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>Model files made to hurt: each is refused with one message naming the file and the tensor or key, before anything large is read.</summary>
public sealed class HostileModelFileTests : TempDirTest
{
    private static readonly Architecture Small = Architecture.Mlp([2, 2, 1], Activation.Relu);

    private string Write(byte[] bytes)
    {
        var path = Dir.Path("hostile.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Refusal(byte[] bytes, Architecture? architecture = null)
    {
        var path = Write(bytes);
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path, architecture));
        Assert.Equal(ErrorKind.Input, e.Kind);
        Assert.StartsWith(path + ": ", e.Message);
        return e.Message;
    }

    private static string Tensor(string name, string shape, long begin, long end, string dtype = "F32") =>
        $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":[{begin},{end}]}}";

    [Fact]
    public void HeaderLengthOverTheBoundIsRefusedByItsLength()
    {
        var bytes = new byte[64];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 200_000_000);
        Assert.EndsWith("header length 200000000 is more than the 100000000 bytes allowed.", Refusal(bytes, Small));
    }

    [Fact]
    public void HugeFileIsJudgedByItsHeaderWithoutReadingTheRest()
    {
        var path = Dir.Path("sparse.safetensors");
        using (var stream = File.Create(path))
        {
            stream.Write(TorchFile.Build("{\"a\":1}", []));
            stream.SetLength(3L << 30); // 3 GB, sparse: more than one array could hold
        }
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path, Small));
        Assert.EndsWith("tensor \"a\": header entry needs \"dtype\", \"shape\" and \"data_offsets\": [begin, end].", e.Message);
    }

    [Fact]
    public void OverlappingByteRangesAreRefused() =>
        Assert.EndsWith("tensor \"b\": data offsets [8, 24] overlap tensor \"a\"'s [0, 16].",
            Refusal(TorchFile.Build("{" + Tensor("a", "[4]", 0, 16) + "," + Tensor("b", "[4]", 8, 24) + "}", new float[6]), Small));

    [Fact]
    public void BytesOfNoTensorAreRefused()
    {
        Assert.EndsWith("bytes [8, 16] of the data belong to no tensor (before tensor \"b\").",
            Refusal(TorchFile.Build("{" + Tensor("a", "[2]", 0, 8) + "," + Tensor("b", "[2]", 16, 24) + "}", new float[6]), Small));
        Assert.EndsWith("the data section has 16 bytes but the tensors cover only the first 8.",
            Refusal(TorchFile.Build("{" + Tensor("a", "[2]", 0, 8) + "}", new float[4]), Small));
    }

    [Fact]
    public void ShapeWhoseElementCountOverflowsIsRefused() =>
        Assert.EndsWith("tensor \"a\": F32 shape [4611686018427387904, 4] has more elements than can be stored.",
            Refusal(TorchFile.Build("{" + Tensor("a", "[4611686018427387904,4]", 0, 0) + "}", []), Small));

    [Theory]
    [InlineData(1, float.NaN, "tensor \"0.weight\": element [0, 1] is NaN")]
    [InlineData(8, float.PositiveInfinity, "tensor \"2.bias\": element [0] is infinity")]
    [InlineData(6, float.NegativeInfinity, "tensor \"2.weight\": element [0, 0] is -infinity")]
    public void NonFiniteWeightsAreRefusedByTensorAndIndex(int at, float value, string expected)
    {
        float[] data = [1, -1, 2, 0.5f, 0, -1, 3, -2, 0.5f];
        data[at] = value;
        var bytes = TorchFile.Build("{" + Tensor("0.weight", "[2,2]", 0, 16) + "," + Tensor("0.bias", "[2]", 16, 24) + ","
            + Tensor("2.weight", "[1,2]", 24, 32) + "," + Tensor("2.bias", "[1]", 32, 36) + "}", data);
        Assert.EndsWith(expected + "; a model's values must be finite numbers.", Refusal(bytes, Small));
    }

    [Fact]
    public void DuplicatedMetadataKeyIsRefused() =>
        Assert.EndsWith("__metadata__ \"task\" appears twice.",
            Refusal(TorchFile.Build("{\"__metadata__\":{\"task\":\"regression\",\"task\":\"classification\"}}", []), Small));

    [Fact]
    public void HeaderThatIsNotUtf8IsRefused()
    {
        var bytes = TorchFile.Build("{\"caf\u00e9\":1}", []);
        bytes[8 + 5] = 0xFF;
        Assert.EndsWith("the 16-byte header is not UTF-8 text.", Refusal(bytes, Small));
    }

    [Fact]
    public void LoneSurrogateNameIsRefused() =>
        Assert.Contains("not valid text", Refusal(TorchFile.Build("{\"\\ud800\":{}}", []), Small));

    [Fact]
    public void HundredThousandTensorsAreRead() // in linear time: the quadratic duplicate check took minutes here (no timing is asserted)
    {
        var header = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) header.Append(i == 0 ? "" : ",").Append(Tensor($"t{i}", "[0]", 0, 0));
        var path = Write(TorchFile.Build(header.Append('}').ToString(), []));
        Assert.Equal(100_000, SafetensorsFile.Read(path).Tensors.Count);
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path, Small));
        Assert.EndsWith("tensor \"0.weight\" (layer1.w) is missing; the architecture 2-2-1 (relu, identity) needs it with shape [2, 2] ([out, in]); "
            + "the file has \"t0\" [0], \"t1\" [0], \"t2\" [0], \"t3\" [0], \"t4\" [0], \"t5\" [0], \"t6\" [0], \"t7\" [0], \"t8\" [0], \"t9\" [0], \"t10\" [0], \"t11\" [0], ... (100000 tensors).", e.Message);
        var twice = Write(TorchFile.Build(header.Remove(header.Length - 1, 1).Append(',').Append(Tensor("t99999", "[0]", 0, 0)).Append('}').ToString(), []));
        Assert.EndsWith("\"t99999\" appears twice in the header.", Assert.Throws<BackpropException>(() => SafetensorsFile.Read(twice)).Message);
    }

    [Fact]
    public void DirectoryIsNamedAsADirectory()
    {
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(Dir.Root));
        Assert.Equal($"{Dir.Root}: is a directory, not a safetensors file.", e.Message);
    }

    [Fact]
    public void PipeIsRefusedWithoutBlocking()
    {
        var path = Dir.Path("pipe.safetensors");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)) mkfifo.WaitForExit();
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path));
        Assert.Equal($"{path}: is a FIFO (named pipe), not a regular file; only regular files are read.", e.Message);
    }

    [Theory]
    [InlineData("class_names", "[\"a\",\"b\",\"c\",\"d\",\"e\"]", "__metadata__ \"class_names\" has 5 class names for its outputs, but the architecture 4-64-3 (relu, identity; loss softmax_ce) has 3.")]
    [InlineData("class_names", "[\"a\",null,\"c\"]", "__metadata__ \"class_names\" is not valid (class_names[1]: expected a string).")]
    [InlineData("feature_names", "[\"a\"]", "__metadata__ \"feature_names\" has 1 feature names for its inputs, but the architecture 4-64-3 (relu, identity; loss softmax_ce) has 4.")]
    [InlineData("scaler", "{\"kind\":\"standard\",\"offsets\":[0,0],\"scales\":[1,1]}", "__metadata__ \"scaler\" has 2 columns for its inputs, but the architecture 4-64-3 (relu, identity; loss softmax_ce) has 4.")]
    [InlineData("scaler", "{\"kind\":\"standard\",\"offsets\":[0,0,0,0],\"scales\":[1,0,1,1]}", "__metadata__ \"scaler\" is not valid (scales[1] is 0).")]
    [InlineData("target_scaler", "{\"kind\":\"standard\",\"offsets\":[],\"scales\":[]}", "__metadata__ \"target_scaler\" is not valid (0 offsets and 0 scales; one of each per column is needed).")]
    [InlineData("columns", "{\"names\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"header\":false,\"separator\":\",\",\"target\":4,\"features\":[0,1,2,7]}", "__metadata__ \"columns\" is not valid (features[3] = 7 is not one of the 5 columns (0..4)).")]
    [InlineData("columns", "{\"names\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"header\":false,\"separator\":\",\",\"target\":4,\"features\":[0,-1,2,3]}", "__metadata__ \"columns\" is not valid (features[1] = -1 is not one of the 5 columns (0..4)).")]
    [InlineData("columns", "{\"names\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"header\":false,\"separator\":\",\",\"target\":9,\"features\":[0,1,2,3]}", "__metadata__ \"columns\" is not valid (target column 9 is not one of the 5 columns (0..4)).")]
    [InlineData("columns", "{\"names\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"header\":false,\"separator\":\",\",\"target\":4,\"features\":[0,1,2]}", "__metadata__ \"columns\" has 3 feature columns for its inputs, but the architecture 4-64-3 (relu, identity; loss softmax_ce) has 4.")]
    [InlineData("architecture", "{\"sizes\":[4,64,3],\"activations\":[\"relu\",\"identity\"],\"loss\":\"hinge\"}", "__metadata__ \"architecture\" is not valid (Unknown loss")]
    [InlineData("architecture", "{\"sizes\":[4,64,3],\"sizes\":[4,64,3],\"activations\":[\"relu\",\"identity\"]}", "__metadata__ \"architecture\" is not valid (not JSON, or a key twice")]
    public void MetadataThatDoesNotFitIsRefusedByKey(string key, string value, string expected)
    {
        var path = Write(SavedModels.WithMetadata(SavedModels.Iris, key, value));
        foreach (var read in new Action[] { () => ModelFile.Load<float>(path), () => ModelFile.Inspect(path) })
            Assert.Contains(expected, Assert.Throws<BackpropException>(read).Message);
    }

    [Fact]
    public void TargetScalerMustHaveOneColumnPerOutput()
    {
        var path = Write(SavedModels.WithMetadata(SavedModels.Mpg, "target_scaler", "{\"kind\":\"standard\",\"offsets\":[1,2],\"scales\":[1,1]}"));
        Assert.EndsWith("__metadata__ \"target_scaler\" has 2 columns for its outputs, but the architecture 7-64-1 (relu, identity; loss mse_mean) has 1.",
            Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path)).Message);
    }

    [Fact]
    public void TheSavedModelsThemselvesLoad()
    {
        Assert.Equal([4, 64, 3], ModelFile.Load<float>(Write(SavedModels.Iris)).Metadata.Architecture!.Sizes);
        Assert.Equal([7, 64, 1], ModelFile.Load<float>(Write(SavedModels.Mpg)).Metadata.Architecture!.Sizes);
    }
}
