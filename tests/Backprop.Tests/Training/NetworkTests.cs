using Backprop.Data;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Data;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class NetworkTests
{
    private static readonly TrainOptions Options = new() { Epochs = 200, BatchSize = 32, Seed = 1, Patience = 10 };

    [Fact]
    public void IrisFitEvaluatePredictSaveLoad()
    {
        var data = Csv.Load<float>(RepoData.Path("iris/iris.data"));
        var (train, validation, test) = data.Data.Split3(0.2, 0.2, seed: 1);
        var net = Network<float>.For(data, [64], Activation.Relu, seed: 1);
        var history = net.Fit(train, 0.01, Options, validation);
        Assert.True(net.Evaluate(test).Accuracy >= 0.93, $"iris test accuracy {net.Evaluate(test).Accuracy}");
        Assert.NotNull(net.Scaler);

        var path = Path.Combine(Path.GetTempPath(), $"iris-{Guid.NewGuid():N}.safetensors");
        try
        {
            net.Save(path);
            var loaded = Network<float>.Load(path);
            Assert.Equal(net.Predict(test.X).ToArray(), loaded.Predict(test.X).ToArray());
            Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], loaded.ClassNames);
            Assert.Equal(net.PredictClasses(test.X), loaded.PredictClasses(test.X));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void RegressionTargetsAreStandardisedAndMappedBack()
    {
        var data = Csv.Load<float>(RepoData.Path("auto-mpg/auto-mpg.data"),
            new CsvOptions { Separator = CsvOptions.Whitespace, Target = "0", Drop = ["-1"], Missing = MissingValues.Drop });
        var (train, validation, test) = data.Data.Split3(0.2, 0.2, seed: 1);
        var net = Network<float>.For(data, [64], seed: 1);
        net.Fit(train, 0.01, Options, validation);
        var metrics = net.Evaluate(test);
        Assert.True(metrics.R2 >= 0.80, $"auto-mpg R² {metrics.R2}");
        Assert.NotNull(net.TargetScaler);
        var predictions = net.Predict(test.X);
        double mean = predictions.ToArray().Average(v => (double)v);
        Assert.InRange(mean, 15, 35); // miles per gallon, not standardised units
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpoch()
    {
        var data = Generate.Spirals<double>(perClass: 50, seed: 1);
        var (train, validation) = data.Split(0.3, seed: 2);
        var net = Network<double>.For(data, [32], seed: 3);
        var history = net.Fit(train, 0.5, new TrainOptions { Epochs = 500, BatchSize = 8, Seed = 1, Patience = 5 }, validation);
        Assert.True(history[^1].Stopped);
        Assert.True(history.Count < 500);
        double best = history.Min(h => h.Validation!.Loss);
        Assert.Equal(best, net.Evaluate(validation).Loss, 10);
    }

    [Fact]
    public void AdamTrainsToo()
    {
        var (train, test) = Generate.Moons<float>(count: 300, seed: 1).Split(0.3, seed: 2);
        var net = Network<float>.For(train, [16], Activation.Tanh, seed: 1);
        net.Fit(train, 0.01, new TrainOptions { Epochs = 60, BatchSize = 16, Seed = 1 }, optimizer: "adam");
        Assert.True(net.Evaluate(test).Accuracy >= 0.95);
    }
}
