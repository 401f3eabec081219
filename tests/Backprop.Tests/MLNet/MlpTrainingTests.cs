using Backprop.Tests.Support;
using Backprop.Nn;
using Backprop.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.Tests.MLNet;

/// <summary>Each task trains to a good fit on a small set and is scored by ML.NET's own evaluators.</summary>
public class MlpTrainingTests
{
    [Fact]
    public void Iris_trains_through_LoadFromTextFile_Concatenate_and_NormalizeMinMax_and_ML_NET_evaluates_it()
    {
        var ml = new MLContext(seed: 1);
        var (data, prepare) = MlNetData.IrisPipeline(ml);
        var split = ml.Data.TrainTestSplit(data, testFraction: 0.3, seed: 1);
        var pipeline = prepare.Append(ml.MulticlassClassification.Trainers.Mlp(options: new MlpOptions { LearningRate = 0.01, Epochs = 100, Seed = 1 }));
        var model = pipeline.Fit(split.TrainSet);
        var scored = model.Transform(split.TestSet);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        Assert.True(metrics.MicroAccuracy >= 0.9, $"test accuracy {metrics.MicroAccuracy}");
        Assert.True(metrics.LogLoss < 0.4, $"log-loss {metrics.LogLoss}");
        // the predicted key carries the species names, so ML.NET maps it back to text
        var names = ml.Transforms.Conversion.MapKeyToValue("Species2", "PredictedLabel").Fit(scored).Transform(scored)
            .GetColumn<string>("Species2").Distinct().Order();
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], names);
    }

    [Fact]
    public void Binary_blobs_reach_a_high_AUC_by_ML_NETs_binary_evaluator()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(MlNetData.Rows(400, seed: 1));
        var test = ml.Data.LoadFromEnumerable(MlNetData.Rows(200, seed: 2));
        var model = ml.BinaryClassification.Trainers.Mlp("Flag", options: new MlpOptions { LearningRate = 0.01, Epochs = 20 }).Fit(train);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(test), "Flag");
        Assert.True(metrics.AreaUnderRocCurve > 0.95, $"AUC {metrics.AreaUnderRocCurve}");
        Assert.True(metrics.Accuracy > 0.9, $"accuracy {metrics.Accuracy}");
    }

    [Fact]
    public void Regression_learns_a_label_in_the_tens_by_ML_NETs_regression_evaluator()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(MlNetData.Rows(400, seed: 3));
        var test = ml.Data.LoadFromEnumerable(MlNetData.Rows(200, seed: 4));
        var model = ml.Regression.Trainers.Mlp("Value", options: new MlpOptions { LearningRate = 0.01, Epochs = 40 }).Fit(train);
        var metrics = ml.Regression.Evaluate(model.Transform(test), "Value");
        Assert.True(metrics.RSquared > 0.95, $"R² {metrics.RSquared}");
    }

    [Fact]
    public void Rows_with_an_infinite_label_are_skipped_like_missing_ones()
    {
        var ml = new MLContext(seed: 1);
        var rows = MlNetData.Rows(100, seed: 6).ToList();
        rows[3].Value = float.PositiveInfinity;
        rows[50].Value = float.NegativeInfinity;
        rows[70].Value = float.NaN;
        var data = ml.Data.LoadFromEnumerable(rows);
        var scores = ml.Regression.Trainers.Mlp("Value", options: new MlpOptions { Epochs = 5 }).Fit(data).Transform(data).GetColumn<float>("Score").ToList();
        Assert.All(scores, s => Assert.True(float.IsFinite(s) && s > 20 && s < 60, $"score {s}"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_model_and_another_seed_another()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(MlNetData.Rows(100, seed: 5));
        float[] Scores(ulong seed) => ml.Regression.Trainers.Mlp("Value", options: new MlpOptions { Epochs = 3, Seed = seed }).Fit(train)
            .Transform(train).GetColumn<float>("Score").ToArray();
        Assert.Equal(Scores(7), Scores(7));
        Assert.NotEqual(Scores(7), Scores(8));
    }

    [Fact]
    public void The_initialiser_reaches_the_network_and_defaults_to_scikit_learns()
    {
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(MlNetData.Rows(100, seed: 5));
        float[] Scores(MlpOptions options) => ml.Regression.Trainers.Mlp("Value", options: options with { Epochs = 1, Seed = 3 }).Fit(train)
            .Transform(train).GetColumn<float>("Score").ToArray();
        Assert.Equal(Scores(new MlpOptions { Init = Initializer.SklearnUniform }), Scores(new MlpOptions()));
        Assert.NotEqual(Scores(new MlpOptions { Init = Initializer.HeNormal }), Scores(new MlpOptions()));
    }

    private sealed class NumberedRow
    {
        [VectorType(2)] public float[] Features = [];
        public float Class;
    }

    [Fact]
    public void A_key_mapped_from_numbers_predicts_keys_that_map_back_to_those_numbers_also_after_reloading()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(MlNetData.Rows(200, seed: 3).Select(r => new NumberedRow { Features = r.Features, Class = r.Flag ? 7.5f : -2f }));
        var model = ml.Transforms.Conversion.MapValueToKey("Label", nameof(NumberedRow.Class))
            .Append(ml.MulticlassClassification.Trainers.Mlp(options: new MlpOptions { Epochs = 20 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedClass", "PredictedLabel"))
            .Fit(data);
        float[] truth = ml.Data.CreateEnumerable<NumberedRow>(data, reuseRowObject: false).Select(r => r.Class).ToArray();
        float[] predicted = model.Transform(data).GetColumn<float>("PredictedClass").ToArray();
        Assert.All(predicted, p => Assert.Contains(p, new[] { 7.5f, -2f }));
        Assert.True(predicted.Zip(truth).Count(p => p.First == p.Second) >= 180, "accuracy below 0.9");
        using var dir = new TempDir();
        ml.Model.SaveWithBackprop(model, data.Schema, dir.Path("model.zip"));
        var loaded = new MLContext().Model.LoadWithBackprop(dir.Path("model.zip"), out _);
        Assert.Equal(predicted, loaded.Transform(data).GetColumn<float>("PredictedClass"));
    }
}
