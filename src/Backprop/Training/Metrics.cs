using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>How well a model does on a data set. Accuracy for classification; MSE, MAE and R² for regression.</summary>
public sealed record Metrics(double Loss, double? Accuracy, double? Mse, double? Mae, double? R2)
{
    /// <summary>Classification: the mean F1 over the classes present in the targets or predictions (scikit-learn's <c>f1_score(average="macro")</c>); null for regression.</summary>
    public double? MacroF1 { get; init; }

    /// <summary>Classification: the mean recall over the classes present in the targets (scikit-learn's <c>balanced_accuracy_score</c>); null for regression.</summary>
    public double? BalancedAccuracy { get; init; }

    /// <summary>Multilabel (<see cref="TaskKind.Binary"/> with several label columns): the F1 of each label, in label order (<see cref="MacroF1"/> is their
    /// mean and <see cref="Accuracy"/> the exact-match accuracy); null otherwise.</summary>
    public IReadOnlyList<double>? F1PerLabel { get; init; }

    /// <summary>Whether outputs of width <paramref name="k"/> against targets of width <paramref name="width"/> are multilabel: a sigmoid per label
    /// (<see cref="TaskKind.Binary"/>), a 0/1 target per output, more than one.</summary>
    internal static bool IsMultilabel(Loss loss, int k, int width) => loss.Task == TaskKind.Binary && k > 1 && width == k;

    /// <summary>Multilabel metrics from <paramref name="counts"/>.</summary>
    internal static Metrics Multilabel(double loss, LabelCounts counts) =>
        new(loss, counts.SubsetAccuracy, null, null, null) { MacroF1 = counts.MacroF1, F1PerLabel = counts.F1PerLabel };

    /// <summary>Adds the rows of raw <paramref name="outputs"/> [n, k] (a logit per label, 1 from <see cref="Loss.DecisionThreshold"/>) and 0/1 targets [n, k].</summary>
    internal static void Count<T>(LabelCounts counts, Loss loss, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<bool> actual = k <= 256 ? stackalloc bool[k] : new bool[k], predicted = k <= 256 ? stackalloc bool[k] : new bool[k];
        for (int r = 0; r < n; r++)
        {
            for (int j = 0; j < k; j++)
            {
                actual[j] = targets[r * k + j] >= T.CreateTruncating(0.5);
                predicted[j] = loss.ClassOf(outputs.Slice(r * k + j, 1)) == 1;
            }
            counts.Add(actual, predicted);
        }
    }

    /// <summary>Regression: R² of each target column, in target order (<see cref="R2"/> is their mean); null for classification.</summary>
    public IReadOnlyList<double>? R2PerTarget { get; init; }

    /// <summary>Classification metrics with the imbalance scores of <paramref name="counts"/>.</summary>
    internal static Metrics Classification(double loss, double accuracy, ClassCounts counts) =>
        new(loss, accuracy, null, null, null) { MacroF1 = counts.MacroF1, BalancedAccuracy = counts.BalancedAccuracy };

    /// <summary>The confusion counts of raw <paramref name="outputs"/> [n, k] against their targets (class indices, or rows whose argmax is the class).</summary>
    internal static void Count<T>(ClassCounts counts, Loss loss, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = targets.Length / n;
        for (int r = 0; r < n; r++) counts.Add(TargetClass(targets, r, width), loss.ClassOf(outputs.Slice(r * k, k)));
    }

    /// <summary>How many classes outputs [N, <paramref name="outputs"/>] tell apart: one per output, or two for a single output.</summary>
    internal static int ClassesOf(int outputs, int dataClasses) => Math.Max(dataClasses, outputs == 1 ? 2 : outputs);

    /// <summary>Fraction of rows whose predicted class equals the target class. Targets are indices [N] or one-hot/probabilities [N, C];
    /// a single output [N, 1] (sigmoid probabilities) is thresholded at ½.</summary>
    public static double AccuracyOf<T>(Tensor<T> predictions, Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = predictions.Shape[0];
        if (n == 0) return double.NaN;
        var classes = Classes(predictions, predictions.Length / n);
        int width = targets.Length / n, correct = 0;
        for (int r = 0; r < n; r++) if (classes[r] == TargetClass(targets.Span, r, width)) correct++;
        return (double)correct / n;
    }

    /// <summary>Rows whose class by <see cref="Loss.ClassOf{T}"/> on the raw <paramref name="outputs"/> [n, k] equals the target's: its index ([n] targets) or its argmax ([n, C] targets).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int CountCorrect<T>(Loss loss, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, int n, int k)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = targets.Length / n, correct = 0;
        if (IsMultilabel(loss, k, width)) // a row is right when every label is
        {
            for (int r = 0; r < n; r++)
            {
                bool all = true;
                for (int j = 0; j < k && all; j++) all = loss.ClassOf(outputs.Slice(r * k + j, 1)) == (targets[r * k + j] >= T.CreateTruncating(0.5) ? 1 : 0);
                if (all) correct++;
            }
            return correct;
        }
        for (int r = 0; r < n; r++) if (loss.ClassOf(outputs.Slice(r * k, k)) == TargetClass(targets, r, width)) correct++;
        return correct;
    }

    private static int TargetClass<T>(ReadOnlySpan<T> targets, int row, int width) where T : unmanaged, IFloatingPointIeee754<T>
        => width > 1 ? ArgMax(targets.Slice(row * width, width)) : int.CreateTruncating(T.Round(targets[row]));

    /// <summary>The predicted class of each row of probabilities [N, C]: the argmax, or probability ≥ ½ for a single output.</summary>
    public static int[] Classes<T>(Tensor<T> probabilities, int outputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = probabilities.Shape[0];
        var result = new int[n];
        for (int r = 0; r < n; r++)
            result[r] = outputs > 1 ? ArgMax(probabilities.Span.Slice(r * outputs, outputs)) : probabilities.Span[r] >= T.CreateTruncating(0.5) ? 1 : 0;
        return result;
    }

    private static int ArgMax<T>(ReadOnlySpan<T> row) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = 0;
        for (int i = 1; i < row.Length; i++) if (row[i] > row[best]) best = i;
        return best;
    }

    /// <summary>Mean squared error, mean absolute error and R² (the mean over output columns of 1 - SS_res/SS_tot).</summary>
    public static (double Mse, double Mae, double R2) RegressionOf<T>(Tensor<T> predictions, Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
        => Regression(0, predictions, targets) is var m ? (m.Mse!.Value, m.Mae!.Value, m.R2!.Value) : default;

    /// <summary>Regression metrics of <paramref name="predictions"/> against <paramref name="targets"/>, with R² per target column and the given loss.</summary>
    internal static Metrics Regression<T>(double loss, Tensor<T> predictions, Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = predictions.Shape[0], k = predictions.Length / Math.Max(n, 1);
        if (targets.Length != predictions.Length)
            throw new ArgumentException($"Regression metrics: targets {targets.Shape} do not match predictions {predictions.Shape}.");
        var sums = RegressionSums.For<T>(targets.Span, Math.Max(k, 1));
        sums.Add<T>(predictions.Span, targets.Span);
        return sums.Metrics(loss);
    }
}
