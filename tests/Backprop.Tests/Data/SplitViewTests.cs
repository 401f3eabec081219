using Backprop.Data;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Data;

/// <summary>
/// The parts of a split are views over the parent's feature rows: they hold the rows the copies held, train, scale and evaluate to the
/// same bits, and splitting allocates a small fraction of the data (the row indices and the targets, not the features).
/// </summary>
public class SplitViewTests
{
    private static Dataset<float> Random(int rows, int features, int classes, ulong seed, bool weighted = false)
    {
        var rng = new Rng(seed);
        var x = new Tensor<float>(new Shape(rows, features));
        var y = new Tensor<float>(new Shape(rows));
        for (int i = 0; i < x.Length; i++) x.Span[i] = (float)rng.Normal(i % features, 1 + i % 3);
        for (int i = 0; i < rows; i++) y.Span[i] = rng.NextInt(classes);
        var data = new Dataset<float>(x, y, classes);
        if (!weighted) return data;
        var w = new Tensor<float>(new Shape(rows));
        for (int i = 0; i < rows; i++) w.Span[i] = (float)rng.Uniform(0.5, 2);
        return data.WithWeights(w);
    }

    [Fact]
    public void EachPartHoldsTheRowsItsCopyHeld()
    {
        var data = Random(1_000, 5, 3, seed: 4, weighted: true);
        var (train, validation, test) = data.Split3(0.2, 0.25, seed: 7);
        var (trainRows, validationRows, testRows) = Splits.Three(data, 0.2, 0.25, seed: 7);
        foreach (var (part, rows) in new[] { (train, trainRows.ToArray()), (validation, validationRows), (test, testRows) })
        {
            var copy = data.Subset(rows);
            var (x, y, expectX, expectY) = (new float[rows.Length * 5], new float[rows.Length], new float[rows.Length * 5], new float[rows.Length]);
            int[] all = [.. Enumerable.Range(0, rows.Length).Reverse()];
            part.CopyRows(all, x, y);
            copy.CopyRows(all, expectX, expectY);
            Assert.Equal(expectX, x); // read through the view, not gathered
            Assert.Equal(expectY, y);
            Assert.Equal(copy.Weights!.ToArray(), part.Weights!.ToArray());
            Assert.Equal(copy.X.ToArray(), part.X.ToArray()); // gathered on first use
            Assert.Equal((copy.Count, copy.Features, copy.Classes), (part.Count, part.Features, part.Classes));
        }
        // a part of a part (validation rows taken from the training rows) reads the first parent's rows
        var (inner, _, _) = train.Split3(0.3, 0, seed: 2);
        var innerRows = Splits.Three(train, 0.3, 0, seed: 2).Train.ToArray();
        Assert.Equal(data.Subset(trainRows.Span).Subset(innerRows).X.ToArray(), inner.X.ToArray());
    }

    [Fact]
    public void TheScalerAndTheMetricsOfAViewAreTheCopysBits()
    {
        var data = Random(3_000, 6, 3, seed: 5);
        var (train, test) = data.Split(0.3, seed: 1);
        var (trainCopy, testCopy) = (Copy(train), Copy(test));
        foreach (var scaling in new[] { Scaling.Standard, Scaling.MinMax })
        {
            var (fromView, fromCopy) = (scaling.Fit(train)!, scaling.Fit(trainCopy.X)!);
            Assert.Equal(fromCopy.Offsets, fromView.Offsets);
            Assert.Equal(fromCopy.Scales, fromView.Scales);
        }
        var a = Network<float>.For(train, hidden: [8], seed: 3);
        var b = Network<float>.For(trainCopy, hidden: [8], seed: 3);
        var options = new TrainOptions { Epochs = 2, BatchSize = 32, Seed = 9 };
        var (fitA, fitB) = (a.Fit(train, options, test), b.Fit(trainCopy, options, testCopy));
        Assert.Equal(fitB.History.Select(e => (e.Loss, e.Validation!.Loss)), fitA.History.Select(e => (e.Loss, e.Validation!.Loss)));
        var (ea, eb) = (a.Evaluate(test), b.Evaluate(testCopy));
        Assert.Equal((eb.Loss, eb.Accuracy, eb.MacroF1), (ea.Loss, ea.Accuracy, ea.MacroF1));
        Assert.Equal(b.Scaler!.Offsets, a.Scaler!.Offsets);
    }

    // A dataset that owns its rows (the copy Split used to hand out).
    private static Dataset<float> Copy(Dataset<float> part) => new(part.X.Clone(), part.Y, part.Classes);

    [Fact]
    public void SplittingScalingAndEvaluatingAllocateFarLessThanTheData()
    {
        const int Rows = 200_000, Features = 16;
        var data = Random(Rows, Features, 3, seed: 6);
        var warm = Random(500, Features, 3, seed: 6).Split3(0.2, 0.2, seed: 1); // first-call costs out of the way
        var network = Network<float>.For(warm.Train, hidden: [4], seed: 1);
        network.Fit(warm.Train, new TrainOptions { Epochs = 1 }, warm.Validation);
        network.Evaluate(warm.Test);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (train, validation, test) = data.Split3(0.2, 0.2, seed: 1);
        var scaler = Scaling.Standard.Fit(train);
        var metrics = network.Evaluate(test);
        network.Evaluate(validation);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long features = (long)Rows * Features * sizeof(float);
        Assert.NotNull(scaler);
        Assert.True(double.IsFinite(metrics.Loss));
        // row indices (4 bytes a row, and 0.4 of that for the held-out parts) and the targets (4 bytes a row): about 10 bytes a row of 64
        Assert.True(allocated < features / 4, $"the split, scaler fit and evaluation allocated {allocated:N0} bytes for {features:N0} bytes of features");
    }
}
