using System.Globalization;
using System.Buffers.Binary;
using System.IO.Compression;
using Backprop.Errors;
using Backprop.MLNet;
using Backprop.Tests.Support;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.Tests.MLNet;

/// <summary>A pipeline holding an MLP saves to one .zip and loads back predicting bit for bit the same.</summary>
public class MlpSaveLoadTests
{
    [Fact]
    public void An_iris_pipeline_round_trips_through_SaveWithBackprop_and_LoadWithBackprop()
    {
        using var dir = new TempDir();
        var ml = new MLContext(seed: 1);
        var (data, prepare) = MlNetData.IrisPipeline(ml);
        var pipeline = prepare.Append(ml.MulticlassClassification.Trainers.Mlp(options: new MlpOptions { LearningRate = 0.01, Epochs = 30 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
        var model = pipeline.Fit(data);
        string path = dir.Path("iris.zip");
        ml.Model.SaveWithBackprop(model, data.Schema, path);

        var fresh = new MLContext(seed: 2);
        var loaded = fresh.Model.LoadWithBackprop(path, out var schema);
        Assert.Equal(data.Schema.Select(c => c.Name), schema.Select(c => c.Name));
        var before = model.Transform(data);
        var after = loaded.Transform(data);
        Assert.Equal(before.GetColumn<float[]>("Score").SelectMany(s => s), after.GetColumn<float[]>("Score").SelectMany(s => s));
        Assert.Equal(before.GetColumn<string>("PredictedSpecies"), after.GetColumn<string>("PredictedSpecies"));
        Assert.Equal(fresh.MulticlassClassification.Evaluate(before).MicroAccuracy, fresh.MulticlassClassification.Evaluate(after).MicroAccuracy);
        // and one row at a time, through a prediction engine of the loaded model
        var engine = fresh.Model.CreatePredictionEngine<MlNetData.Iris, IrisPrediction>(loaded);
        var first = data.Preview(1).RowView[0];
        var row = new MlNetData.Iris { SepalLength = 5.1f, SepalWidth = 3.5f, PetalLength = 1.4f, PetalWidth = 0.2f };
        Assert.Equal(before.GetColumn<float[]>("Score").First(), engine.Predict(row).Score);
        Assert.Equal("Iris-setosa", engine.Predict(row).PredictedSpecies);
        Assert.Equal(5.1f, (float)first.Values[0].Value);
    }

    private sealed class IrisPrediction
    {
        public float[] Score = [];
        public string PredictedSpecies = "";
    }

    [Theory]
    [InlineData("binary")]
    [InlineData("regression")]
    public void Binary_and_regression_models_round_trip_bit_for_bit(string task)
    {
        using var dir = new TempDir();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MlNetData.Rows(120, seed: 7));
        var options = new MlpOptions { Epochs = 20, HiddenLayers = [8, 4], Activation = "tanh" };
        IEstimator<ITransformer> trainer = task == "binary" ? ml.BinaryClassification.Trainers.Mlp("Flag", options: options) : ml.Regression.Trainers.Mlp("Value", options: options);
        var model = ml.Transforms.NormalizeMinMax("Features").Append(trainer).Fit(data);
        string path = dir.Path("model.zip");
        ml.Model.SaveWithBackprop(model, data.Schema, path);
        var loaded = new MLContext().Model.LoadWithBackprop(path, out _);
        string[] columns = task == "binary" ? ["Score", "Probability"] : ["Score"];
        foreach (var column in columns)
            Assert.Equal(model.Transform(data).GetColumn<float>(column), loaded.Transform(data).GetColumn<float>(column));
        if (task == "binary")
        {
            var predicted = model.Transform(data).GetColumn<bool>("PredictedLabel").ToList();
            Assert.Equal(predicted, loaded.Transform(data).GetColumn<bool>("PredictedLabel"));
            Assert.Contains(true, predicted);
            Assert.Contains(false, predicted);
        }
    }

    // A regression model saved with its weights, then changed in the .zip by change.
    private static string Saved(TempDir dir, Action<ZipArchive> change)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MlNetData.Rows(40, seed: 8));
        string path = dir.Path("model.zip");
        ml.Model.SaveWithBackprop(ml.Regression.Trainers.Mlp("Value", options: new MlpOptions { Epochs = 1 }).Fit(data), data.Schema, path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update)) change(zip);
        return path;
    }

    [Fact]
    public void A_damaged_ML_NET_part_is_refused_naming_the_file()
    {
        using var dir = new TempDir();
        string path = Saved(dir, zip =>
        {
            foreach (var entry in zip.Entries.Where(e => !e.FullName.StartsWith("backprop/", StringComparison.Ordinal)).ToList())
            {
                string name = entry.FullName;
                entry.Delete();
                using var damaged = zip.CreateEntry(name).Open();
                damaged.Write("damaged"u8);
            }
        });
        var e = Assert.Throws<BackpropException>(() => new MLContext().Model.LoadWithBackprop(path, out _));
        Assert.Equal(ErrorKind.Input, e.Kind);
        Assert.StartsWith($"{path}: ML.NET cannot load the model: ", e.Message);
    }

    [Fact]
    public void A_weight_entry_claiming_more_than_the_budget_allows_is_refused_unread()
    {
        using var dir = new TempDir();
        string path = Saved(dir, _ => { });
        // the central directory's record of backprop/mlp-0.safetensors claims 4 GB unpacked (offset 24: uncompressed size)
        var bytes = File.ReadAllBytes(path);
        var name = "backprop/mlp-0.safetensors"u8.ToArray();
        int at = Enumerable.Range(0, bytes.Length - 46).Single(i => BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i)) == 0x02014b50 && bytes.AsSpan(i + 46).StartsWith(name));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), 0xF0000000);
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<BackpropException>(() => new MLContext().Model.LoadWithBackprop(path, out _));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{path}:backprop/mlp-0.safetensors: says it unpacks to 4,026,531,840 bytes, more than the {MlpModelOperations.MaxEntryBytes:N0} bytes ")
            + "an MLP's weights at the parameter budget take (BACKPROP_MAX_PARAMETERS sets another budget).", e.Message);
    }

    [Fact]
    public void ML_NETs_own_Load_says_to_use_LoadWithBackprop_and_a_zip_without_the_weights_is_refused()
    {
        using var dir = new TempDir();
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MlNetData.Rows(40, seed: 8));
        var model = ml.Regression.Trainers.Mlp("Value", options: new MlpOptions { Epochs = 1 }).Fit(data);
        string withWeights = dir.Path("with.zip"), without = dir.Path("without.zip");
        ml.Model.SaveWithBackprop(model, data.Schema, withWeights);
        ml.Model.Save(model, data.Schema, without);

        var plain = Assert.ThrowsAny<Exception>(() => new MLContext().Model.Load(withWeights, out _));
        Assert.Contains("LoadWithBackprop", Flatten(plain));
        var missing = Assert.Throws<BackpropException>(() => new MLContext().Model.LoadWithBackprop(without, out _));
        Assert.Equal($"{without}: the model holds more MLPs than the 0 weight entries (backprop/mlp-N.safetensors) it carries.", missing.Message);
        Assert.Throws<BackpropException>(() => new MLContext().Model.LoadWithBackprop(dir.Path("absent.zip"), out _));
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : $"{e.Message} | {Flatten(e.InnerException)}";
}
