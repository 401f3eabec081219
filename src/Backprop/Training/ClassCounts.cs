namespace Backprop.Training;

/// <summary>
/// The confusion counts of a classifier streamed over chunks, and scikit-learn's two scores for imbalanced classes from them:
/// balanced accuracy (<c>balanced_accuracy_score</c>: the mean recall over the classes present in the targets) and macro-F1
/// (<c>f1_score(average="macro")</c>: the mean F1 over the classes present in the targets or the predictions, F1 = 0 when undefined).
/// </summary>
internal sealed class ClassCounts(int classes)
{
    private readonly long[] _truePositives = new long[classes], _actual = new long[classes], _predicted = new long[classes];

    /// <summary>Counts one row of true class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public void Add(int actual, int predicted)
    {
        _actual[actual]++;
        _predicted[predicted]++;
        if (actual == predicted) _truePositives[actual]++;
    }

    /// <summary>The mean over classes with rows of TP / rows of the class.</summary>
    public double BalancedAccuracy
    {
        get
        {
            double sum = 0;
            int present = 0;
            for (int c = 0; c < classes; c++)
                if (_actual[c] > 0) { sum += (double)_truePositives[c] / _actual[c]; present++; }
            return present == 0 ? double.NaN : sum / present;
        }
    }

    /// <summary>The mean over classes seen (as target or prediction) of F1 = 2·TP / (rows of the class + rows predicted as it).</summary>
    public double MacroF1
    {
        get
        {
            double sum = 0;
            int seen = 0;
            for (int c = 0; c < classes; c++)
                if (_actual[c] + _predicted[c] > 0) { sum += 2.0 * _truePositives[c] / (_actual[c] + _predicted[c]); seen++; }
            return seen == 0 ? double.NaN : sum / seen;
        }
    }
}
