using System.Text.Json.Nodes;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>A model file's <c>modules</c> list, written by an attacker: every refusal names the place, and none allocates beyond what the file holds.</summary>
public sealed class HostileModuleListTests : TempDirTest
{
    // A valid 2-3 Dense model file whose "modules" entry is replaced.
    private byte[] WithModules(string modules)
    {
        var path = Dir.Path("m.safetensors");
        ModelFile.Save(path, new Sequential<float>(new Dense<float>(2, 3, seed: 1)));
        return SavedModels.WithMetadata(File.ReadAllBytes(path), "modules", modules);
    }

    private static string Dense(int inputs, int outputs) => $$$"""{"type":"dense","config":{"inputs":{{{inputs}}},"outputs":{{{outputs}}}}}""";

    [Fact]
    public void ALayerLargerThanTheFileIsRefusedBeforeItIsAllocated()
    {
        var bytes = WithModules($$"""{"type":"sequential","children":[{{Dense(20000, 5000)}}]}""");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<BackpropException>(() => ModelFile.Read<float>(bytes, "hostile"));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 20_000_000, "a 100M-value layer was allocated before its refusal");
        Assert.Contains("modules.children[0] (dense)", e.Message);
        Assert.Contains("more than the file's", e.Message);
    }

    [Theory]
    [InlineData("""{"type":"sequential","children":[{"type":"conv9d"}]}""", "Unknown layer 'conv9d'")]
    [InlineData("""{"type":"sequential","children":[{"type":"dense","config":{"inputs":2,"outputs":3,"kernel":5}}]}""", "no option 'kernel'")]
    [InlineData("""{"type":"sequential","children":[{"type":"dense","config":{"inputs":2,"outputs":3,"activation":"bogus"}}]}""", "Unknown activation")]
    [InlineData("""{"type":"sequential","children":[{"type":"residual","children":[{"type":"dense","config":{"inputs":2,"outputs":3}}]}]}""", "needs equal widths")]
    [InlineData("""{"type":"residual","children":[]}""", "exactly one child")]
    [InlineData("""{"type":"dense","config":{"inputs":2,"outputs":3}}""", "not a sequential model")]
    [InlineData("""[1, 2]""", "is not a JSON object")]
    public void AModuleListThatDoesNotDescribeAModelIsRefusedNamingThePlace(string modules, string expected)
    {
        var e = Assert.Throws<BackpropException>(() => ModelFile.Read<float>(WithModules(modules), "hostile"));
        Assert.StartsWith("hostile: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void ModulesNestedTooDeepAreRefused()
    {
        string nested = Dense(2, 3);
        for (int i = 0; i < 34; i++) nested = $$"""{"type":"sequential","children":[{{nested}}]}""";
        var e = Assert.Throws<BackpropException>(() => ModelFile.Read<float>(WithModules(nested), "hostile"));
        Assert.Contains("nested more than", e.Message);
    }

    [Fact]
    public void ResidualBlocksInsideResidualBlocksLoad()
    {
        var inner = new Residual<float>(new Sequential<float>(new Dense<float>(3, 3, Activation.Tanh, seed: 2), new LayerNorm<float>(3)));
        var model = new Sequential<float>(new Dense<float>(2, 3, seed: 1), new Residual<float>(new Sequential<float>(inner, new Residual<float>(new Dense<float>(3, 3, seed: 3)))));
        var path = Dir.Path("deep.safetensors");
        ModelFile.Save(path, model);
        var x = Backprop.Tensors.Tensor<float>.RandomNormal(1, 0, 1, 4, 2);
        Assert.Equal(model.Forward(x).ToArray(), ModelFile.Load<float>(path).Model.Forward(x).ToArray());
    }

    [Fact]
    public void AValidListStillLoads() =>
        Assert.Equal(3, ModelFile.Read<float>(WithModules($$"""{"type":"sequential","children":[{{Dense(2, 3)}}]}"""), "ok").Model.OutputWidth(2));
}
