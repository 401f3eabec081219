using System.Globalization;
using System.Text.Json;
using Backprop.Datasets;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;
using Xunit;

namespace Backprop.Tests.IO;

/// <summary>
/// Model files written by the release before the module contract (the <c>architecture</c> metadata, no <c>modules</c>), kept in
/// <c>Fixtures/</c> with the predictions that release gave: every one must still load and predict the same bits.
/// <c>BACKPROP_WRITE_FIXTURES=1</c> rewrites <c>expected.json</c> from the current code (only when a fixture is added).
/// </summary>
public sealed class LegacyModelFileTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures");

    // fixture file → the built-in set whose first rows it predicts
    public static TheoryData<string, string> Fixtures => new()
    {
        { "iris-mlp.safetensors", "iris" },
        { "iris-batchnorm.safetensors", "iris" },
        { "mpg-regression.safetensors", "auto-mpg" },
        { "cancer-binary.safetensors", "breast-cancer" },
        { "iris-nonaffine-f64.safetensors", "iris" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void An_older_model_file_loads_and_predicts_the_same_bits(string file, string data)
    {
        var expected = JsonSerializer.Deserialize<Dictionary<string, string[]>>(File.ReadAllText(Path.Combine(Folder, "expected.json")))!;
        Assert.Equal(expected[file], Predictions(file, data));
    }

    [Fact]
    public void Write_expected_predictions_when_asked()
    {
        if (Environment.GetEnvironmentVariable("BACKPROP_WRITE_FIXTURES") != "1") return;
        WriteNonAffineDouble();
        var all = Fixtures.ToDictionary(row => (string)row[0], row => Predictions((string)row[0], (string)row[1]));
        string source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "IO", "Fixtures");
        File.WriteAllText(Path.Combine(source, "expected.json"), JsonSerializer.Serialize(all, new JsonSerializerOptions { WriteIndented = true }));
    }

    // A double-precision model with a batch norm without γ and β, as ModelFile.Save wrote it (the CLI cannot make one).
    private static void WriteNonAffineDouble()
    {
        var norm = new BatchNorm1d<double>(5, eps: 1e-3, momentum: 0.2, affine: false);
        var model = new Sequential<double>(new Dense<double>(4, 5, null, seed: 7), norm, new ActivationLayer<double>(Activation.Tanh), new Dense<double>(5, 3, null, seed: 8));
        model.Train();
        model.Forward(Tensor<double>.RandomNormal(3, 0, 1, 16, 4));
        model.Eval();
        string source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "IO", "Fixtures");
        ModelFile.Save(Path.Combine(source, "iris-nonaffine-f64.safetensors"), model, new ModelMetadata { Architecture = Architecture.Of(model, "softmax_ce") });
    }

    // The outputs of the first 12 rows, as round-trip text.
    private static string[] Predictions(string file, string data)
    {
        string path = Path.Combine(Folder, file);
        if (ModelFile.DType(path) == "F64")
        {
            var net = Network<double>.Load(path);
            var x = BuiltIn.Table<double>(data).Data.X;
            return [.. net.Predict(x.Rows([.. Enumerable.Range(0, 12)])).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
        }
        var f = Network<float>.Load(path);
        var xf = BuiltIn.Table<float>(data).Data.X;
        return [.. f.Predict(xf.Rows([.. Enumerable.Range(0, 12)])).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
    }
}
