using Backprop.Datasets;
using Backprop.Nn;
using Backprop.Onnx;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Backprop.Tests.Onnx;

/// <summary>Every registered activation, exported after a short training run, gives in ONNX Runtime what the library predicts.</summary>
public class OnnxActivationTests(ITestOutputHelper output)
{
    public static TheoryData<string> Activations() => [.. Activation.Registered.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Activations))]
    [InlineData("leaky_relu:0.2")]
    [InlineData("elu:0.5")]
    public void MatchesTheLibrary(string name)
    {
        var data = BuiltIn.Wine<float>();
        var net = Network<float>.For(data, [12, 8], Activation.Parse(name), seed: 3);
        net.Fit(data.Data, new TrainOptions { Epochs = 2, BatchSize = 16, Seed = 1 });
        using var session = new InferenceSession(OnnxExport.ToBytes(net));
        double worst = OrtRun.MaxDifference(session, net.Predict, data.Data.X);
        output.WriteLine($"{name}: max |ORT - library| = {worst:G3}");
    }

    [Fact]
    public void AnActivationWithoutAnOnnxFormIsRefusedNamingTheLayer()
    {
        var data = BuiltIn.Iris<float>();
        var model = new Sequential<float>(new Dense<float>(4, 5, new Nn.Activations.Softsign(), seed: 1), new Dense<float>(5, 3, seed: 2));
        var net = new Network<float>(model, new CrossEntropy(), metadata: Backprop.IO.ModelMetadata.From(data.Schema));
        var e = Assert.Throws<Errors.BackpropException>(() => OnnxExport.ToBytes(net));
        Assert.Equal("ONNX export: layer 0 (Dense(4 -> 5, softsign)): activation softsign has no ONNX form; register one with OnnxActivations.Register.", e.Message);
    }
}
