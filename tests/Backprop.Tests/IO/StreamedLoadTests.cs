using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>
/// A model file's weights go into the model a chunk at a time from the file (<see cref="SafetensorsFile.Open"/>): loading allocates the
/// model and not also the file's bytes (at the parameter budget, import, info, predict and export peaked at twice the weights' size), the
/// values arrive as they were saved (transposed where PyTorch's layout is), and a file that became shorter meanwhile is refused by name.
/// </summary>
[Collection(nameof(AllocationCollection))]
public sealed class StreamedLoadTests : TempDirTest
{
    private const int Inputs = 300, Hidden = 2000, Outputs = 700; // 2M float weights, 8 MB

    private static long ModelBytes => 4L * ((Inputs + 1) * Hidden + (Hidden + 1) * Outputs);

    private static long Allocated(Action load)
    {
        long before = GC.GetTotalAllocatedBytes(true);
        load();
        return GC.GetTotalAllocatedBytes(true) - before;
    }

    [Fact]
    public void LoadingAModelFileAllocatesTheModelButNotTheFilesBytes()
    {
        var model = Mlp.Create<float>([Inputs, Hidden, Outputs], Activation.Relu, Activation.Identity, seed: 3);
        string path = Dir.Path("m.safetensors");
        ModelFile.Save(path, model);
        LoadedModel<float>? loaded = null;
        long bytes = Allocated(() => loaded = ModelFile.Load<float>(path));
        Assert.True(bytes < ModelBytes * 5 / 4, $"{bytes >> 20} MB allocated to load a model of {ModelBytes >> 20} MB");
        var x = Tensor<float>.RandomNormal(5, 0, 1, 4, Inputs);
        Assert.Equal(model.Forward(x).ToArray(), loaded!.Model.Forward(x).ToArray());
        Assert.True(Allocated(() => ModelFile.Inspect(path, out _)) < ModelBytes * 5 / 4, "info's read of the model holds the file's bytes");
    }

    [Fact]
    public void ImportingATorchFileAllocatesTheModelButNotTheFilesBytes()
    {
        var r = new Random(4);
        string torch = Dir.Path("torch.safetensors");
        var w = new[] { TorchImportTests.Matrix(r, Hidden, Inputs), TorchImportTests.Matrix(r, Outputs, Hidden) };
        File.WriteAllBytes(torch, TorchStateDict.Bytes(TorchStateDict.Sequential(w, [TorchImportTests.Vector(r, Hidden), TorchImportTests.Vector(r, Outputs)])));
        var options = new TorchImportOptions { Sizes = [Inputs, Hidden, Outputs], Hidden = Activation.Relu, Task = TaskKind.Regression };
        LoadedModel<float>? loaded = null;
        long bytes = Allocated(() => loaded = TorchImport.Load<float>(torch, options));
        Assert.True(bytes < ModelBytes * 5 / 4, $"{bytes >> 20} MB allocated to import a model of {ModelBytes >> 20} MB");
        var first = (Dense<float>)loaded!.Model.Layers[0];
        Assert.Equal((float)w[0][17, 5], first.W.Span[5 * Hidden + 17]); // PyTorch's [out, in] is our [in, out]
        Assert.Equal((float)w[0][Hidden - 1, Inputs - 1], first.W.Span[^1]);
    }

    [Fact]
    public void AFileThatBecameShorterWhileItsTensorsWereReadIsRefused()
    {
        string path = Dir.Path("m.safetensors");
        ModelFile.Save(path, Mlp.Create<float>([3, 4, 2], Activation.Tanh, Activation.Identity, seed: 1));
        var file = SafetensorsFile.Open(path);
        using (var stream = new FileStream(path, FileMode.Open)) stream.SetLength(stream.Length - 8);
        var e = Assert.Throws<BackpropException>(() => file.Tensors[^1].ToDoubles());
        Assert.Contains("m.safetensors", e.Message);
        Assert.Contains("the file became shorter while it was read", e.Message);
    }
}
