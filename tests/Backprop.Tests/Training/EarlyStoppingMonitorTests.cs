using Backprop.Training;
using static Backprop.Tests.Training.Schedules.ScheduleDriver;

namespace Backprop.Tests.Training;

/// <summary>Early stopping on metrics other than the validation loss, each in its own direction, on scripted sequences.</summary>
public class EarlyStoppingMonitorTests
{
    /// <summary>Feeds early stopping one report per epoch until it stops; returns the last epoch fed.</summary>
    private static int Run(EarlyStopping stopping, bool hasValidation, params EpochReport[] epochs)
    {
        var context = Context(0.1, hasValidation);
        ITrainingCallback callback = stopping;
        callback.OnTrainBegin(context);
        int last = 0;
        foreach (var epoch in epochs)
        {
            last = epoch.Epoch;
            callback.OnEpochEnd(epoch, context);
            if (context.StopRequested) break;
        }
        callback.OnTrainEnd(context);
        return last;
    }

    [Fact]
    public void ValidationAccuracyIsBetterWhenHigher()
    {
        var stopping = new EarlyStopping(2, monitor: MonitoredMetric.ValAccuracy);
        // the loss keeps falling (val_loss would never stop), but accuracy peaks at epoch 2
        int last = Run(stopping, true, Epoch(1, 0.9, accuracy: 0.7), Epoch(2, 0.8, accuracy: 0.9), Epoch(3, 0.7, accuracy: 0.85),
            Epoch(4, 0.6, accuracy: 0.88), Epoch(5, 0.5, accuracy: 0.95));
        Assert.Equal((4, 2, 0.9), (last, stopping.BestEpoch, stopping.BestValue));
    }

    [Fact]
    public void ValidationR2IsBetterWhenHigherAndMinDeltaApplies()
    {
        var stopping = new EarlyStopping(1, minDelta: 0.01, monitor: MonitoredMetric.ValR2);
        int last = Run(stopping, true, Epoch(1, 1, r2: 0.5), Epoch(2, 1, r2: 0.6), Epoch(3, 1, r2: 0.605));
        Assert.Equal((3, 2), (last, stopping.BestEpoch)); // +0.005 is within min delta
    }

    [Theory]
    [InlineData("val_mse")]
    [InlineData("val_mae")]
    public void ErrorsAreBetterWhenLower(string name)
    {
        var stopping = new EarlyStopping(1, monitor: MonitoredMetric.Parse(name));
        // Epoch(...) sets mse = 1 − r2 and mae = 0.5: mse falls then rises; mae never improves after epoch 1
        int last = Run(stopping, true, Epoch(1, 1, r2: 0.5), Epoch(2, 1, r2: 0.6), Epoch(3, 1, r2: 0.55));
        Assert.Equal(name == "val_mse" ? (3, 2) : (2, 1), (last, stopping.BestEpoch));
    }

    [Fact]
    public void TheTrainingLossNeedsNoValidationSet()
    {
        var stopping = new EarlyStopping(2, monitor: MonitoredMetric.Loss);
        int last = Run(stopping, false, Epoch(1, 9, loss: 1.0), Epoch(2, 9, loss: 0.5), Epoch(3, 9, loss: 0.6), Epoch(4, 9, loss: 0.7), Epoch(5, 9, loss: 0.1));
        Assert.Equal((4, 2), (last, stopping.BestEpoch));
    }

    [Fact]
    public void AValidationMetricWithoutValidationIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(new EarlyStopping(2, monitor: MonitoredMetric.ValAccuracy), false));
        Assert.Contains("early stopping on val_accuracy needs a validation set", e.Message);
    }

    [Theory]
    [InlineData("val_loss", false)]
    [InlineData("VAL_ACCURACY", true)]
    [InlineData("val_r2", true)]
    [InlineData("loss", false)]
    [InlineData("val_mae", false)]
    [InlineData("val_mse", false)]
    [InlineData("accuracy", true)]
    public void MetricNamesParseWithTheirDirection(string name, bool higherIsBetter)
    {
        var metric = MonitoredMetric.Parse(name);
        Assert.Equal(name.ToLowerInvariant(), metric.Name);
        Assert.Equal(higherIsBetter, metric.HigherIsBetter);
    }

    [Fact]
    public void AnUnknownMetricNameListsTheKnownOnes()
    {
        var e = Assert.Throws<FormatException>(() => MonitoredMetric.Parse("val_f1"));
        Assert.Contains("val_loss, val_accuracy, val_macro_f1, val_balanced_accuracy, val_mse, val_mae, val_r2", e.Message);
    }
}
