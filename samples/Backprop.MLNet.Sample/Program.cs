// Trains Backprop's MLP inside an ML.NET pipeline on iris, evaluates it with ML.NET's metrics, saves the model to one .zip,
// loads it back and checks that the loaded model predicts the same (exit 1 if not). Run from the repository root
// (.ci/run runs it after the tests):
//   dotnet run --project samples/Backprop.MLNet.Sample
using Backprop.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

var ml = new MLContext(seed: 1);
string dataPath = Path.Combine(AppContext.BaseDirectory, "data", "iris.data");
IDataView data = ml.Data.LoadFromTextFile<IrisRow>(dataPath, separatorChar: ',');
var split = ml.Data.TrainTestSplit(data, testFraction: 0.2, seed: 1);

var pipeline = ml.Transforms.Concatenate("Features", nameof(IrisRow.SepalLength), nameof(IrisRow.SepalWidth),
        nameof(IrisRow.PetalLength), nameof(IrisRow.PetalWidth))
    .Append(ml.Transforms.NormalizeMinMax("Features"))
    .Append(ml.Transforms.Conversion.MapValueToKey("Label", nameof(IrisRow.Species)))
    .Append(ml.MulticlassClassification.Trainers.Mlp("Label", "Features", new MlpOptions { HiddenLayers = [16], LearningRate = 0.01, Seed = 1 }))
    .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));

ITransformer model = pipeline.Fit(split.TrainSet);
MulticlassClassificationMetrics metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
Console.WriteLine($"test: micro accuracy {metrics.MicroAccuracy:F3}, macro accuracy {metrics.MacroAccuracy:F3}, log-loss {metrics.LogLoss:F3}");
Console.WriteLine(metrics.ConfusionMatrix.GetFormattedConfusionTable());

// A name of this run's own (runs side by side do not share a file), deleted at the end however the run ends.
string modelPath = Path.Combine(Path.GetTempPath(), $"backprop-mlnet-iris-{Guid.NewGuid():N}.zip");
try
{
    ml.Model.SaveWithBackprop(model, data.Schema, modelPath);               // ML.NET's .zip, with the MLP's weights inside
    ITransformer loaded = new MLContext().Model.LoadWithBackprop(modelPath, out _);
    Console.WriteLine($"saved and reloaded {modelPath} ({new FileInfo(modelPath).Length} bytes)");

    var before = ml.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(model);
    var after = ml.Model.CreatePredictionEngine<IrisRow, IrisPrediction>(loaded);
    int same = 0, rows = 0;
    foreach (var row in ml.Data.CreateEnumerable<IrisRow>(split.TestSet, reuseRowObject: false))
    {
        IrisPrediction a = before.Predict(row), b = after.Predict(row);
        rows++;
        if (a.PredictedSpecies == b.PredictedSpecies && a.Score.SequenceEqual(b.Score)) same++;
    }
    var flower = new IrisRow { SepalLength = 6.3f, SepalWidth = 2.9f, PetalLength = 5.6f, PetalWidth = 1.8f };
    var p = after.Predict(flower);
    Console.WriteLine($"reloaded model: {same} of {rows} test rows predicted identically; 6.3, 2.9, 5.6, 1.8 -> {p.PredictedSpecies} " +
        $"({string.Join(", ", p.Score.Select(s => s.ToString("F3")))})");
    return same == rows ? 0 : 1;
}
finally
{
    File.Delete(modelPath);
}

/// <summary>A row of iris.data.</summary>
internal sealed class IrisRow
{
    [LoadColumn(0)] public float SepalLength;
    [LoadColumn(1)] public float SepalWidth;
    [LoadColumn(2)] public float PetalLength;
    [LoadColumn(3)] public float PetalWidth;
    [LoadColumn(4)] public string Species = "";
}

/// <summary>What the pipeline adds: class probabilities and the species name.</summary>
internal sealed class IrisPrediction
{
    public float[] Score = [];
    public string PredictedSpecies = "";
}
