namespace Backprop.Training;

/// <summary>
/// scikit-learn's <c>classification_report</c> as numbers: the confusion matrix and, per class, precision = TP / (TP + FP),
/// recall = TP / (TP + FN), F1 = 2PR / (P + R) (0 when a denominator is 0) and support (rows of that true class), with their
/// unweighted (macro) averages over the classes.
/// </summary>
public sealed class ClassificationReport
{
    private readonly int[,] _confusion;

    /// <summary>Counts every (true, predicted) pair of <paramref name="actual"/> and <paramref name="predicted"/> classes, each in 0..<paramref name="classes"/>−1.</summary>
    public ClassificationReport(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classes)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), $"ClassificationReport: classes must be at least 1; got {classes}.");
        if (actual.Count != predicted.Count)
            throw new ArgumentException($"ClassificationReport: {actual.Count} true classes but {predicted.Count} predicted ones.", nameof(predicted));
        Classes = classes;
        _confusion = new int[classes, classes];
        for (int i = 0; i < actual.Count; i++)
        {
            if ((uint)actual[i] >= (uint)classes || (uint)predicted[i] >= (uint)classes)
                throw new ArgumentOutOfRangeException(nameof(actual), $"ClassificationReport: row {i} has true class {actual[i]} and predicted class {predicted[i]}; classes run from 0 to {classes - 1}.");
            _confusion[actual[i], predicted[i]]++;
        }
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>Rows counted.</summary>
    public int Total => _confusion.Cast<int>().Sum();

    /// <summary>Rows of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int Confusion(int actual, int predicted) => _confusion[actual, predicted];

    /// <summary>Rows whose true class is <paramref name="c"/>.</summary>
    public int Support(int c) => Enumerable.Range(0, Classes).Sum(p => _confusion[c, p]);

    /// <summary>Of the rows predicted as <paramref name="c"/>, the fraction that are <paramref name="c"/>.</summary>
    public double Precision(int c) => Ratio(_confusion[c, c], Enumerable.Range(0, Classes).Sum(t => _confusion[t, c]));

    /// <summary>Of the rows of class <paramref name="c"/>, the fraction predicted as <paramref name="c"/>.</summary>
    public double Recall(int c) => Ratio(_confusion[c, c], Support(c));

    /// <summary>The harmonic mean of precision and recall of class <paramref name="c"/>; 0 when both are 0.</summary>
    public double F1(int c) => Precision(c) + Recall(c) is var sum && sum > 0 ? 2 * Precision(c) * Recall(c) / sum : 0;

    /// <summary>The mean of the classes' precisions.</summary>
    public double MacroPrecision => Enumerable.Range(0, Classes).Average(Precision);

    /// <summary>The mean of the classes' recalls.</summary>
    public double MacroRecall => Enumerable.Range(0, Classes).Average(Recall);

    /// <summary>The mean of the classes' F1 scores.</summary>
    public double MacroF1 => Enumerable.Range(0, Classes).Average(F1);

    private static double Ratio(int a, int b) => b == 0 ? 0 : (double)a / b;
}
