using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Precision, recall, F1, support and their macro averages, checked against counts worked out by hand.</summary>
public class ClassificationReportTests
{
    // true:      0 0 0 0 1 1 1 2 2 2
    // predicted: 0 0 1 2 1 1 0 2 2 2
    private static readonly ClassificationReport Report = new([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 1, 2, 1, 1, 0, 2, 2, 2], 3);

    [Fact]
    public void ConfusionCountsEveryPair()
    {
        int[,] expected = { { 2, 1, 1 }, { 1, 2, 0 }, { 0, 0, 3 } };
        for (int t = 0; t < 3; t++)
            for (int p = 0; p < 3; p++) Assert.Equal(expected[t, p], Report.Confusion(t, p));
        Assert.Equal(10, Report.Total);
        Assert.Equal([4, 3, 3], Enumerable.Range(0, 3).Select(Report.Support));
    }

    [Fact]
    public void PerClassAndMacroNumbers()
    {
        // class 0: TP 2, FP 1, FN 2; class 1: TP 2, FP 1, FN 1; class 2: TP 3, FP 1, FN 0.
        double[] precision = [2.0 / 3, 2.0 / 3, 3.0 / 4], recall = [2.0 / 4, 2.0 / 3, 1];
        double[] f1 = [.. precision.Zip(recall, (p, r) => 2 * p * r / (p + r))];
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(precision[c], Report.Precision(c), 12);
            Assert.Equal(recall[c], Report.Recall(c), 12);
            Assert.Equal(f1[c], Report.F1(c), 12);
        }
        Assert.Equal(precision.Average(), Report.MacroPrecision, 12);
        Assert.Equal(recall.Average(), Report.MacroRecall, 12);
        Assert.Equal(f1.Average(), Report.MacroF1, 12);
    }

    [Fact]
    public void AClassNeverPredictedHasZeroPrecisionAndF1()
    {
        var report = new ClassificationReport([0, 1, 1], [0, 0, 0], 2);
        Assert.Equal(0, report.Precision(1));
        Assert.Equal(0, report.F1(1));
        Assert.Equal(1.0 / 3, report.Precision(0), 12); // one of the three rows predicted as 0 is a 0
    }

    [Fact]
    public void ClassesOutOfRangeAndLengthMismatchAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassificationReport([0, 3], [0, 1], 3));
        Assert.Throws<ArgumentException>(() => new ClassificationReport([0, 1], [0], 2));
    }
}
