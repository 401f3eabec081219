using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Data;
using Backprop.Training;

namespace Backprop.Tests.Training;

public class NetworkTests
{
    private static readonly TrainOptions Options = new() { Epochs = 200, BatchSize = 32, Seed = 1, Patience = 10 };

    private static TabularData<T> AutoMpg<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        Csv.Load<T>(RepoData.Path("auto-mpg/auto-mpg.data"),
            new CsvOptions { Separator = CsvOptions.Whitespace, Target = "0", Drop = ["-1"], Missing = MissingValues.Drop });

    [Fact]
    public void IrisFitEvaluatePredictSaveLoad()
    {
        var data = Csv.Load<float>(RepoData.Path("iris/iris.data"));
        var (train, validation, test) = data.Data.Split3(0.2, 0.2, seed: 1);
        var net = Network<float>.For(data, [64], Activation.Relu, seed: 1);
        net.Fit(train, Options, validation);
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
        var data = AutoMpg<float>();
        var (train, validation, test) = data.Data.Split3(0.2, 0.2, seed: 1);
        var net = Network<float>.For(data, [64], seed: 1);
        net.Fit(train, Options, validation);
        var metrics = net.Evaluate(test);
        Assert.True(metrics.R2 >= 0.80, $"auto-mpg R² {metrics.R2}");
        Assert.NotNull(net.TargetScaler);
        var predictions = net.Predict(test.X);
        double mean = predictions.ToArray().Average(v => (double)v);
        Assert.InRange(mean, 15, 35); // miles per gallon, not standardised units
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpochAndSaysWhich()
    {
        var data = Generate.Spirals<double>(perClass: 50, seed: 1);
        var (train, validation) = data.Split(0.3, seed: 2);
        var net = Network<double>.For(data, [32], optimizer: new SgdOptions { LearningRate = 0.5 }, seed: 3);
        var fit = net.Fit(train, new TrainOptions { Epochs = 500, BatchSize = 8, Seed = 1, Patience = 5 }, validation);
        Assert.True(fit.StoppedEarly);
        Assert.True(fit.History.Count < 500);
        var best = fit.History.MinBy(h => h.Validation!.Loss)!;
        Assert.Equal(best.Epoch, fit.RestoredEpoch);
        Assert.Equal(fit.History[^1].Epoch - 5, fit.RestoredEpoch);
        Assert.Equal(best.Validation!.Loss, net.Evaluate(validation).Loss, 10);
    }

    [Fact]
    public void NothingRestoredWhenTheLastEpochIsTheBest()
    {
        var (train, validation) = Generate.Moons<double>(count: 200, seed: 1).Split(0.3, seed: 2);
        var net = Network<double>.For(train, [8], Activation.Tanh, seed: 1);
        var fit = net.Fit(train, new TrainOptions { Epochs = 3, BatchSize = 16, Seed = 1, Patience = 10 }, validation);
        Assert.Equal(fit.History.MinBy(h => h.Validation!.Loss), fit.History[^1]); // still improving at a small learning rate
        Assert.Null(fit.RestoredEpoch);
        Assert.False(fit.StoppedEarly);
    }

    [Fact]
    public void AdamTrainsToo()
    {
        var (train, test) = Generate.Moons<float>(count: 300, seed: 1).Split(0.3, seed: 2);
        var net = Network<float>.For(train, [16], Activation.Tanh, optimizer: new AdamOptions { LearningRate = 0.01 }, seed: 1);
        net.Fit(train, new TrainOptions { Epochs = 60, BatchSize = 16, Seed = 1 });
        Assert.IsType<Adam<float>>(net.Optimizer);
        Assert.True(net.Evaluate(test).Accuracy >= 0.95);
        Assert.Equal("adam", net.Metadata.Training["optimizer"]);
    }

    [Fact]
    public void TwoFitsOfFiveEpochsEqualOneOfTenBitForBit()
    {
        // The optimizer (Adam's step count and moments) and the shuffling carry over from one Fit to the next.
        var (train, validation) = Generate.Moons<double>(count: 200, seed: 1).Split(0.3, seed: 2);
        Network<double> Make() => Network<double>.For(train, [8], Activation.Tanh, optimizer: new AdamOptions { LearningRate = 0.01 }, seed: 4);
        var options = new TrainOptions { Epochs = 5, BatchSize = 16, Seed = 7 };
        var once = Make();
        var all = once.Fit(train, options with { Epochs = 10 }, validation).History;
        var twice = Make();
        var first = twice.Fit(train, options, validation).History;
        var second = twice.Fit(train, options, validation).History;

        Assert.Equal([6, 7, 8, 9, 10], second.Select(h => h.Epoch));
        Assert.Equal(10, twice.EpochsTrained);
        Assert.Equal("10", twice.Metadata.Training["epochs"]);
        Assert.Equal(all.Select(h => (h.Loss, h.Validation!.Loss)), first.Concat(second).Select(h => (h.Loss, h.Validation!.Loss)));
        foreach (var ((name, p), (_, q)) in once.Model.NamedParameters().Zip(twice.Model.NamedParameters()))
            Assert.True(p.ToArray().SequenceEqual(q.ToArray()), name);
        var (a, b) = (once.Optimizer.State(), twice.Optimizer.State());
        Assert.Equal(10 * 9, b.Steps); // 140 rows in batches of 16: 9 steps per epoch
        Assert.Equal(a.Steps, b.Steps);
        foreach (var name in new[] { "exp_avg", "exp_avg_sq" })
            Assert.Equal(a.Buffers[name].SelectMany(v => v), b.Buffers[name].SelectMany(v => v));
    }

    [Fact]
    public void RegressionHistoryReportsTargetUnitsAsEvaluateDoes()
    {
        var data = AutoMpg<double>();
        var (train, validation, _) = data.Data.Split3(0.2, 0.2, seed: 1);
        var net = Network<double>.For(data, [16], seed: 1);
        var history = net.Fit(train, new TrainOptions { Epochs = 20, BatchSize = 32, Seed = 1 }, validation).History;

        var last = history[^1].Validation!;
        var evaluated = net.Evaluate(validation);
        Assert.Equal(evaluated.Loss, last.Loss, 12);
        Assert.Equal(evaluated.Mse!.Value, last.Mse!.Value, 12);
        Assert.Equal(evaluated.Mae!.Value, last.Mae!.Value, 12);
        Assert.Equal(evaluated.R2!.Value, last.R2!.Value, 12);
        Assert.InRange(last.Mae!.Value, 1, 10); // miles per gallon: standardised units would be about 0.3
        // The training loss too: σ² times the loss on standardised targets, near the training set's own MSE in mpg².
        double trainMse = net.Evaluate(train).Mse!.Value;
        Assert.InRange(history[^1].Loss, trainMse / 2, trainMse * 2);
    }
}
