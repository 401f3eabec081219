using Backprop.IO;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

public class TemperatureTests : TempDirTest
{
    [Fact]
    public void DividesByTAndItsGradientToo()
    {
        var t = new Temperature<double>(2.5);
        var x = TestData.Normal(1, 1, 3, 4);
        Assert.Equal(x.ToArray().Select(v => v / 2.5), t.Forward(x).ToArray());
        GradCheck.Check("temperature", v => new Temperature<double>(2.5).Forward(v), x);
    }

    [Fact]
    public void SavedAsABufferAndLoadedBack()
    {
        var model = new Sequential<float>(new Dense<float>(3, 2, seed: 1), new Temperature<float>(1.75));
        string path = Dir.Path("t.safetensors");
        ModelFile.Save(path, model, new ModelMetadata());
        var loaded = ModelFile.Load<float>(path).Model;
        var temperature = Assert.IsType<Temperature<float>>(loaded.Layers[^1]);
        Assert.Equal(1.75f, temperature.Value.Span[0]);
        Assert.Contains(model.StateDict(), e => e.Name == "1.temperature");
        Assert.Equal("temperature", Layers.Describe(temperature).Type);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Temperature<float>(0));
    }
}
