using System.Text;
using Backprop.Data;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Memory of the whole training path on a large table: read, split, scale and fit allocate a small multiple of the data's float size.</summary>
public sealed class TrainMemoryTests
{
    private const int Rows = 100_000;

    private static MemoryStream Table(int rows)
    {
        var text = new StringBuilder("a,b,label\n");
        for (int i = 0; i < rows; i++) text.Append(i % 997).Append(',').Append(i % 10).Append(',').Append((i / 3) % 2).Append('\n');
        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static Network<float> LoadSplitAndFit(Stream csv)
    {
        var table = Csv.Load<float>(csv, "rows.csv");
        var (train, validation, _) = SplitPolicy.Default.Split(table.Data, seed: 1);
        var network = Network<float>.For(table, hidden: [4], seed: 1);
        network.Fit(train, new TrainOptions { Epochs = 1, BatchSize = 256 }, validation);
        return network;
    }

    [Fact]
    public void LoadingSplittingScalingAndOneEpochAllocateUnderSixTimesTheDatasFloatSize()
    {
        LoadSplitAndFit(Table(600)); // first-call costs out of the way
        using var csv = Table(Rows);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var network = LoadSplitAndFit(csv);
        double perRow = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Rows;
        Assert.NotNull(network.Scaler);
        // the data is 3 floats a row (12 bytes); measured 57: reading about 37 (chunks, then the table), the split's rows and indices
        // about 18, the shuffled order and the epoch about 3. Before the chunked reader, counting-sort split and per-batch scaling: over 150.
        Assert.True(perRow < 72, $"{perRow:F1} bytes allocated per row of 12 bytes of data");
    }
}
