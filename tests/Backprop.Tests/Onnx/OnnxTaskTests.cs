using System.Text.Json;
using Backprop.Data;
using Backprop.Datasets;
using Backprop.Nn;
using Backprop.Onnx;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Backprop.Tests.Onnx;

/// <summary>
/// Each task exported through a saved model file (as <c>backprop export</c> does) runs in ONNX Runtime with the library's
/// predictions, the named input and output, a dynamic batch dimension and the model's metadata.
/// </summary>
public sealed class OnnxTaskTests(ITestOutputHelper output) : TempDirTest
{
    [Fact]
    public void BinaryWithSoftmaxGivesBothClassesProbabilities()
    {
        var data = BuiltIn.BreastCancer<float>();
        using var session = Exported(Network<float>.For(data, [16], seed: 1), data.Data, "binary softmax_ce", out var loaded);
        Check(session, loaded, data.Data.X, OnnxExport.Probabilities, 2);
        Assert.Equal("classification", session.ModelMetadata.CustomMetadataMap["task"]);
        Assert.Equal(JsonSerializer.Serialize(data.Schema.ClassNames), session.ModelMetadata.CustomMetadataMap["class_names"]);
    }

    [Fact]
    public void BinaryWithLogitsGivesTheProbabilityOfClassOne()
    {
        var data = BuiltIn.BreastCancer<float>();
        using var session = Exported(Network<float>.For(data, [16], loss: new BinaryCrossEntropy(), seed: 1), data.Data, "binary bce_logits", out var loaded);
        Check(session, loaded, data.Data.X, OnnxExport.Probabilities, 1);
        Assert.Equal("bce_logits", session.ModelMetadata.CustomMetadataMap["loss"]);
    }

    [Fact]
    public void MultiClassWithBatchNormAndDropout()
    {
        var data = BuiltIn.Wine<float>();
        var net = Network<float>.For(data, [16, 8], Activation.Gelu, seed: 1, dropout: [0.3], batchNorm: true);
        using var session = Exported(net, data.Data, "multi-class batchnorm dropout", out var loaded);
        Check(session, loaded, data.Data.X, OnnxExport.Probabilities, 3);
        Assert.Contains(session.ModelMetadata.CustomMetadataMap, p => p.Key == "feature_names" && p.Value == JsonSerializer.Serialize(data.Schema.FeatureNames));
    }

    [Fact]
    public void MultiClassWithBatchNormWithoutAffineParameters()
    {
        var data = BuiltIn.Wine<float>();
        var template = Network<float>.For(data, [16], seed: 1);
        var model = new Sequential<float>(new Dense<float>(13, 16, seed: 2), new BatchNorm1d<float>(16, affine: false), new ActivationLayer<float>(Activation.Relu),
            new Dense<float>(16, 3, seed: 3));
        var net = new Network<float>(model, template.Loss, template.Scaler, template.Metadata, template.Scaling, template.TargetScaler);
        using var session = Exported(net, data.Data, "multi-class batchnorm affine=False", out var loaded);
        Check(session, loaded, data.Data.X, OnnxExport.Probabilities, 3);
        Assert.False(loaded.Model.Layers.OfType<BatchNorm1d<float>>().Single().Affine);
    }

    [Fact]
    public void RegressionIsInTargetUnits()
    {
        var data = BuiltIn.AutoMpg<float>();
        var net = Network<float>.For(data, [16], Activation.Tanh, seed: 1, batchNorm: true);
        using var session = Exported(net, data.Data, "regression", out var loaded);
        Check(session, loaded, data.Data.X, OnnxExport.Prediction, 1);
        Assert.Equal("regression", session.ModelMetadata.CustomMetadataMap["task"]);
        var (values, _) = OrtRun.Output(session, data.Data.X, 17);
        Assert.InRange(values.Average(), 10, 40); // miles per gallon, not standardised units
    }

    [Fact]
    public void CalibratedModelDividesByItsTemperatureInTheGraph()
    {
        var data = BuiltIn.Wine<float>();
        var net = Network<float>.For(data, [16], seed: 1);
        net.Fit(data.Data, new TrainOptions { Epochs = 5, Seed = 1 });
        var (calibrated, temperature, _, _) = Calibration.Calibrate(net, data.Data);
        Assert.NotEqual(1, temperature, 3);
        using var session = Exported(calibrated, data.Data, "calibrated", out var loaded, epochs: 0);
        Check(session, loaded, data.Data.X, OnnxExport.Probabilities, 3);
        Assert.True(OrtRun.MaxDifference(session, calibrated.Predict, data.Data.X) <= 2e-5);
        Assert.NotEqual(net.Predict(data.Data.X).ToArray(), loaded.Predict(data.Data.X).ToArray()); // the temperature is in the file
    }

    // Trains briefly, saves the model file, exports it from the file and opens it in ONNX Runtime; loaded is the model file read back.
    private InferenceSession Exported(Network<float> net, Dataset<float> data, string family, out Network<float> loaded, int epochs = 2)
    {
        if (epochs > 0) net.Fit(data, new TrainOptions { Epochs = epochs, BatchSize = 16, Seed = 1 });
        string model = Dir.Path("m.safetensors"), onnx = Dir.Path("m.onnx");
        net.Save(model);
        OnnxExport.Save(model, onnx);
        loaded = Network<float>.Load(model);
        var session = new InferenceSession(onnx);
        output.WriteLine($"{family}: max |ORT - library| = {OrtRun.MaxDifference(session, net.Predict, data.X):G3}");
        return session;
    }

    // The file's model gives the loaded model's predictions, under the input and output names with N dynamic.
    private static void Check(InferenceSession session, Network<float> loaded, Tensor<float> x, string outputName, int width)
    {
        OrtRun.MaxDifference(session, loaded.Predict, x);
        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("features", input.Key);
        Assert.Equal([-1, x.Shape[1]], input.Value.Dimensions);
        Assert.Equal("N", input.Value.SymbolicDimensions[0]);
        var result = Assert.Single(session.OutputMetadata);
        Assert.Equal(outputName, result.Key);
        Assert.Equal([-1, width], result.Value.Dimensions);
        Assert.Equal("backprop", session.ModelMetadata.ProducerName);
        Assert.Equal(Backprop.IO.ModelMetadata.LibraryVersion, session.ModelMetadata.CustomMetadataMap["backprop_version"]);
    }
}
