using Backprop.Training;
using Backprop.Training.Schedules;
using static Backprop.Tests.Training.Schedules.ScheduleDriver;

namespace Backprop.Tests.Training.Schedules;

/// <summary>Keras' ReduceLROnPlateau on scripted metric sequences: the rate after each epoch.</summary>
public class ReduceLROnPlateauTests
{
    /// <summary>The rate after each epoch, feeding the callback one scripted report per epoch.</summary>
    private static List<double> After(ReduceLROnPlateau plateau, double lr, params EpochReport[] epochs)
    {
        var context = Context(lr);
        ITrainingCallback callback = plateau;
        callback.OnTrainBegin(context);
        var rates = new List<double>();
        foreach (var epoch in epochs)
        {
            callback.OnEpochEnd(epoch, context);
            rates.Add(context.LearningRate);
        }
        return rates;
    }

    private static EpochReport[] Losses(params double[] losses) => [.. losses.Select((l, i) => Epoch(i + 1, l))];

    [Fact]
    public void ReducesAfterPatienceEpochsWithoutImprovement()
    {
        var plateau = new ReduceLROnPlateau(factor: 0.5, patience: 2, minDelta: 0);
        var rates = After(plateau, 0.1, Losses(1.0, 0.9, 0.95, 0.91, 0.92, 0.93, 0.5, 0.6));
        // best 0.9 at epoch 2; epochs 3, 4 do not beat it -> halve after 4; 5, 6 -> halve after 6; 0.5 improves; 0.6 waits 1
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.025], rates);
        Assert.Equal([4, 6], plateau.Reductions);
    }

    [Fact]
    public void MinDeltaDecidesWhatCountsAsImprovement()
    {
        var rates = After(new ReduceLROnPlateau(factor: 0.5, patience: 2, minDelta: 0.05), 0.1, Losses(1.0, 0.97, 0.96));
        Assert.Equal([0.1, 0.1, 0.05], rates); // 0.97 and 0.96 are within 0.05 of 1.0
    }

    [Fact]
    public void CooldownPausesTheWaitAfterAReduction()
    {
        var plateau = new ReduceLROnPlateau(factor: 0.5, patience: 1, minDelta: 0, cooldown: 2);
        var rates = After(plateau, 0.1, Losses(1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
        // Keras counts the cooldown down at the start of each epoch's check: reduce after 2; epoch 3 is in cooldown (2 -> 1);
        // epoch 4 ends it (1 -> 0) and, with patience 1, reduces again; and so on every second epoch
        Assert.Equal([0.1, 0.05, 0.05, 0.025, 0.025, 0.0125], rates);
    }

    [Fact]
    public void NeverGoesBelowTheMinimumRate()
    {
        var rates = After(new ReduceLROnPlateau(factor: 0.1, patience: 1, minDelta: 0, minLr: 0.004), 0.1, Losses(1, 1, 1, 1));
        Assert.Equal([0.1, 0.01, 0.004, 0.004], rates, new RelativeComparer());
    }

    [Fact]
    public void AMetricThatShouldRiseIsWatchedUpwards()
    {
        var plateau = new ReduceLROnPlateau(MonitoredMetric.ValAccuracy, factor: 0.5, patience: 2, minDelta: 0);
        var rates = After(plateau, 0.1, [Epoch(1, 1, accuracy: 0.5), Epoch(2, 0.1, accuracy: 0.6), Epoch(3, 0.05, accuracy: 0.6), Epoch(4, 0.01, accuracy: 0.55)]);
        Assert.Equal([0.1, 0.1, 0.1, 0.05], rates); // the loss falls throughout, but accuracy stops rising after epoch 2
    }

    [Fact]
    public void AMetricTheRunDoesNotReportIsAClearError()
    {
        var e = Assert.Throws<InvalidOperationException>(() => After(new ReduceLROnPlateau(MonitoredMetric.ValR2), 0.1, Epoch(1, 1, accuracy: 0.5)));
        Assert.Contains("ReduceLROnPlateau monitors val_r2, but epoch 1 reports none", e.Message);
    }

    private sealed class RelativeComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= 1e-15 * Math.Abs(x);

        public int GetHashCode(double obj) => 0;
    }
}
