using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>
/// A model file whose metadata contradicts its own tensors is refused naming what: an architecture without its tensors or with
/// their shapes swapped (by <c>info</c> too, which does not build the model), a task its loss's output cannot give.
/// </summary>
public sealed class SelfContradictingModelFileTests : TempDirTest
{
    // An iris model in the format before the module list: its architecture (4-…-3) in the metadata, its tensors by PyTorch's names.
    private static SafetensorsFile Legacy() => SafetensorsFile.Read(Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", "iris-mlp.safetensors"));

    private string Written(SafetensorsFile file)
    {
        string path = Dir.Path("m.safetensors");
        using (var stream = File.Create(path)) file.Write(stream);
        return path;
    }

    [Fact]
    public void AModelWhoseTensorsAreMissingIsRefusedByInfoNamingTheFirst()
    {
        var legacy = Legacy();
        string path = Written(legacy with { Tensors = [] });
        var e = Assert.Throws<BackpropException>(() => ModelFile.Inspect(path));
        Assert.StartsWith($"{path}: tensor \"0.weight\" (layer1.w) is missing; the architecture ", e.Message);
    }

    [Fact]
    public void AModelWhoseWeightShapesAreSwappedIsRefusedByInfoNamingTheTensor()
    {
        var legacy = Legacy();
        var swapped = legacy.Tensors.Select(t => t.Name == "0.weight" ? t with { Shape = [t.Shape[1], t.Shape[0]] } : t).ToList();
        string path = Written(legacy with { Tensors = swapped });
        var e = Assert.Throws<BackpropException>(() => ModelFile.Inspect(path));
        Assert.Contains("\"0.weight\"", e.Message);
    }

    [Fact]
    public void ATaskThatContradictsTheLossIsRefused()
    {
        // A classifier (softmax output) whose metadata says regression: evaluate would score its probabilities as values.
        var legacy = Legacy();
        var metadata = new Dictionary<string, string>(legacy.Metadata) { ["task"] = "regression" };
        string path = Written(legacy with { Metadata = metadata });
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path));
        Assert.Equal($"{path}: __metadata__ \"task\" is regression, but the model's loss softmax_ce is for classification (its output is softmax): the file contradicts itself.", e.Message);
    }

    [Fact]
    public void AnArchitectureThatContradictsTheModuleListIsRefusedByLoadAndInfo()
    {
        string saved = Dir.Path("saved.safetensors");
        ModelFile.Save(saved, Mlp.Create<float>([4, 8, 3], Activation.Relu, seed: 1), new ModelMetadata { Loss = "softmax_ce" });
        var file = SafetensorsFile.Read(saved);
        Assert.Contains("modules", file.Metadata.Keys);
        var metadata = new Dictionary<string, string>(file.Metadata) { ["architecture"] = file.Metadata["architecture"].Replace("[4,8,3]", "[4,80,3]", StringComparison.Ordinal) };
        Assert.NotEqual(file.Metadata["architecture"], metadata["architecture"]);
        string path = Written(file with { Metadata = metadata });
        var e = Assert.Throws<BackpropException>(() => ModelFile.Load<float>(path));
        Assert.Equal($"{path}: __metadata__ \"modules\" and \"architecture\" disagree: the architecture 4-80-3 (relu, identity; loss softmax_ce) is not the model's 4-8-3 (relu, identity; loss softmax_ce).", e.Message);
        Assert.Equal(e.Message, Assert.Throws<BackpropException>(() => ModelFile.Inspect(path)).Message);
    }
}
