using System.Globalization;
using System.Text;
using System.Text.Json;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Onnx;
using Backprop.Tensors;
using Backprop.Tests.Support;
using Backprop.Training;
using Microsoft.ML.OnnxRuntime;

namespace Backprop.Tests.Onnx;

/// <summary>A model of several regression targets exported to ONNX gives predict's values in each target's units, one output column each.</summary>
public sealed class MultiTargetOnnxTests : TempDirTest
{
    [Fact]
    public void EachTargetIsAnOutputColumnInItsOwnUnits()
    {
        var text = new StringBuilder("x1,x2,a,b\n");
        var rng = new Rng(3);
        for (int i = 0; i < 120; i++)
        {
            double x1 = rng.Normal(), x2 = rng.Normal();
            text.Append(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{1000 + 50 * x1:R},{-3 * x2 * x2:R}\n");
        }
        var table = MultiTarget.FromColumns(DataFile.Load<float>(Dir.File("t.csv", text.ToString()), new() { Target = "a", Task = TaskKind.Regression }), ["b"]);
        var net = Network<float>.For(table, [8], seed: 1);
        net.Fit(table.Data, new TrainOptions { Epochs = 3, BatchSize = 16, Seed = 1 });
        string model = Dir.Path("m.safetensors"), onnx = Dir.Path("m.onnx");
        net.Save(model);
        OnnxExport.Save(model, onnx);
        using var session = new InferenceSession(onnx);
        OrtRun.MaxDifference(session, Network<float>.Load(model).Predict, table.Data.X); // relative 1e-5 per value
        Assert.Equal([-1, 2], Assert.Single(session.OutputMetadata).Value.Dimensions);
        Assert.Equal(JsonSerializer.Serialize(new[] { "a", "b" }), session.ModelMetadata.CustomMetadataMap["target_names"]);
        var (values, _) = OrtRun.Output(session, table.Data.X, 17);
        Assert.InRange(values.Where((_, i) => i % 2 == 0).Average(), 500, 1500); // a in its own units, not standardised
    }
}
