using Backprop.MLNet;
using Microsoft.ML;

namespace Backprop.Tests.MLNet;

/// <summary>Training reads the data view through its cursor, a mini-batch at a time, never holding all rows.</summary>
public class MlpCursorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rows_are_read_a_batch_at_a_time_through_a_cursor_per_epoch(bool shuffle)
    {
        const int rows = 2000, batch = 16, pool = 64, epochs = 3;
        long fetched = 0, trained = 0, largestAhead = 0;
        var ml = new MLContext(seed: 1);
        // a streaming view: each cursor enumerates the rows anew, and every row it hands out is counted
        var data = ml.Data.LoadFromEnumerable(MlNetData.Rows(rows, seed: 6, onRow: () => Interlocked.Increment(ref fetched)));
        Assert.False(data.CanShuffle);
        var options = new MlpOptions { Epochs = epochs, BatchSize = batch, Shuffle = shuffle, ShufflePoolSize = pool, EarlyStoppingPatience = 0 };
        var trainer = new MlpEstimator(new Backprop.MLNet.Tasks.RegressionTask(), "Value", "Features", options)
        {
            OnBatch = n =>
            {
                trained += n;
                largestAhead = Math.Max(largestAhead, Interlocked.Read(ref fetched) - rows - trained); // the first pass (statistics) read every row once
            },
        };
        trainer.Fit(data);
        Assert.Equal((long)rows * epochs, trained);
        Assert.Equal((long)rows * (epochs + 1), fetched); // one pass for the statistics, one cursor per epoch
        Assert.InRange(largestAhead, 0, pool + 2 * batch); // rows read but not trained on: a batch, and the shuffle pool when shuffling
        Assert.True(largestAhead < rows / 10);
    }
}
