using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>How well a model does on a data set. Accuracy for classification; MSE, MAE and R² for regression.</summary>
public sealed record Metrics(double Loss, double? Accuracy, double? Mse, double? Mae, double? R2)
{
    /// <summary>Fraction of rows whose predicted class equals the target class. Targets are indices [N] or one-hot/probabilities [N, C];
    /// a single output [N, 1] (sigmoid probabilities) is thresholded at ½.</summary>
    public static double AccuracyOf<T>(Tensor<T> predictions, Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = predictions.Shape[0];
        if (n == 0) return double.NaN;
        return (double)CountCorrect(predictions.Span, targets.Span, n, predictions.Length / n, T.CreateTruncating(0.5)) / n;
    }

    /// <summary>
    /// Rows whose predicted class — the argmax of the row, or for one output whether it reaches <paramref name="threshold"/> —
    /// equals the target's: its index ([n] targets) or its argmax ([n, C] targets).
    /// </summary>
    internal static int CountCorrect<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int n, int outputs, T threshold)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = targets.Length / n, correct = 0;
        for (int r = 0; r < n; r++)
        {
            int predicted = outputs > 1 ? ArgMax(predictions.Slice(r * outputs, outputs)) : predictions[r] >= threshold ? 1 : 0;
            int actual = width > 1 ? ArgMax(targets.Slice(r * width, width)) : int.CreateTruncating(T.Round(targets[r]));
            if (predicted == actual) correct++;
        }
        return correct;
    }

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
    {
        int n = predictions.Shape[0], k = predictions.Length / Math.Max(n, 1);
        if (targets.Length != predictions.Length)
            throw new ArgumentException($"Regression metrics: targets {targets.Shape} do not match predictions {predictions.Shape}.");
        double se = 0, ae = 0, r2 = 0;
        for (int j = 0; j < k; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += double.CreateTruncating(targets.Span[i * k + j]);
            mean /= n;
            double ssRes = 0, ssTot = 0;
            for (int i = 0; i < n; i++)
            {
                double y = double.CreateTruncating(targets.Span[i * k + j]), p = double.CreateTruncating(predictions.Span[i * k + j]);
                ssRes += (p - y) * (p - y);
                ssTot += (y - mean) * (y - mean);
                ae += Math.Abs(p - y);
            }
            se += ssRes;
            r2 += ssTot > 0 ? 1 - ssRes / ssTot : double.NaN;
        }
        int m = Math.Max(n * k, 1);
        return (se / m, ae / m, r2 / k);
    }
}
