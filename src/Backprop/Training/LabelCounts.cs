namespace Backprop.Training;

/// <summary>
/// A multilabel classifier's counts streamed over chunks: per label true positives, false positives and false negatives, and the rows
/// whose labels were all right. F1 of a label = 2·TP / (2·TP + FP + FN), 0 when it has no positives either way (scikit-learn's
/// <c>f1_score(average=None, zero_division=0)</c>); macro-F1 is their mean over all labels; the accuracy is the exact-match
/// (subset) accuracy, scikit-learn's <c>accuracy_score</c> on label rows.
/// </summary>
internal sealed class LabelCounts(int labels)
{
    private readonly long[] _tp = new long[labels], _fp = new long[labels], _fn = new long[labels];
    private long _rows, _exact;

    /// <summary>Counts one row: each label's truth and prediction.</summary>
    public void Add(ReadOnlySpan<bool> actual, ReadOnlySpan<bool> predicted)
    {
        bool all = true;
        for (int j = 0; j < labels; j++)
        {
            if (actual[j] && predicted[j]) _tp[j]++;
            else if (predicted[j]) _fp[j]++;
            else if (actual[j]) _fn[j]++;
            all &= actual[j] == predicted[j];
        }
        _rows++;
        if (all) _exact++;
    }

    /// <summary>The F1 of each label.</summary>
    public double[] F1PerLabel => [.. Enumerable.Range(0, labels).Select(j => _tp[j] + _fp[j] + _fn[j] == 0 ? 0 : 2.0 * _tp[j] / (2 * _tp[j] + _fp[j] + _fn[j]))];

    /// <summary>The mean F1 over the labels.</summary>
    public double MacroF1 => labels == 0 ? double.NaN : F1PerLabel.Average();

    /// <summary>The fraction of rows whose every label was predicted right.</summary>
    public double SubsetAccuracy => _rows == 0 ? double.NaN : (double)_exact / _rows;
}
