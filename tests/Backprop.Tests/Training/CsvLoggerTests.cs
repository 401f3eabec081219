using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tests.Support;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Training;

public class CsvLoggerTests : TempDirTest
{
    [Fact]
    public void WritesAHeaderAndOneLinePerEpochWithTheRateEachEpochStartedWith()
    {
        var data = Generate.Moons<double>(count: 60, seed: 1);
        var (train, validation) = (data.Slice(0, 40), data.Slice(40, 60));
        var model = Mlp.Create<double>([2, 4, 2], Activation.Tanh, seed: 1);
        string path = Dir.Path("log.csv");
        var history = new List<EpochReport>();
        // the logger after the schedule: it still logs the rate each epoch trained with, not the one the schedule has just set for the next
        var fit = Trainer.Fit(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 0.1), train, new TrainOptions
        {
            Epochs = 3, BatchSize = 20, Seed = 1, Callbacks = [new StepLR(1, 0.5), new CsvLogger(path)], OnEpoch = history.Add,
        }, validation);

        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,loss,accuracy,val_loss,val_accuracy,val_macro_f1,val_balanced_accuracy,learning_rate", lines[0]);
        Assert.Equal(4, lines.Length);
        for (int e = 0; e < 3; e++)
        {
            var cells = lines[e + 1].Split(',').Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            var h = history[e];
            Assert.Equal([e + 1, h.Loss, h.Accuracy!.Value, h.Validation!.Loss, h.Validation.Accuracy!.Value, h.Validation.MacroF1!.Value, h.Validation.BalancedAccuracy!.Value, 0.1 * Math.Pow(0.5, e)], cells);
        }
        Assert.Equal(3, fit.History.Count);
    }

    [Fact]
    public void RegressionLogsItsOwnMetricsAndAppendKeepsTheHeader()
    {
        var data = Generate.Sine<double>(count: 40, seed: 1);
        var model = Mlp.Create<double>([1, 4, 1], Activation.Tanh, seed: 1);
        string path = Dir.Path("sine.csv");
        var sgd = new Sgd<double>(model.Parameters(), 0.05);
        var logger = new CsvLogger(path, append: true);
        Trainer.Fit(model, new MeanSquaredError(), sgd, data, new TrainOptions { Epochs = 2, Callbacks = [logger] }, data);
        Trainer.Fit(model, new MeanSquaredError(), sgd, data, new TrainOptions { Epochs = 1, InitialEpoch = 2, Callbacks = [logger] }, data);
        var lines = File.ReadAllLines(path);
        Assert.Equal("epoch,loss,val_loss,val_mse,val_mae,val_r2,learning_rate", lines[0]);
        Assert.Equal(["1", "2", "3"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.Equal(7, l.Split(',').Length));
    }

    [Fact]
    public void ANewRunReplacesTheFileUnlessAppending()
    {
        string path = Dir.File("old.csv", "old contents\n");
        var data = Generate.Moons<double>(count: 20, seed: 1);
        var model = Mlp.Create<double>([2, 3, 2], Activation.Tanh, seed: 1);
        Trainer.Fit(model, new CrossEntropy(), new Sgd<double>(model.Parameters(), 0.1), data, new TrainOptions { Epochs = 1, Callbacks = [new CsvLogger(path)] });
        var lines = File.ReadAllLines(path);
        Assert.Equal(["epoch,loss,accuracy,learning_rate"], lines.Take(1));
        Assert.Equal(2, lines.Length);
    }
}
