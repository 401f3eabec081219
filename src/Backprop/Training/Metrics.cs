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
        int classes = predictions.Rank == 2 ? predictions.Shape[1] : 1;
        var predicted = Classes(predictions, classes);
        var actual = targets.Rank == 2 && targets.Shape[1] > 1 ? targets.ArgMax(1) : Labels(targets);
        int correct = 0;
        for (int i = 0; i < n; i++) if (predicted[i] == actual[i]) correct++;
        return (double)correct / n;
    }

    /// <summary>The predicted class of each row: argmax, or probability ≥ ½ for a single output.</summary>
    public static int[] Classes<T>(Tensor<T> predictions, int classes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (classes > 1) return predictions.ArgMax(1);
        var result = new int[predictions.Shape[0]];
        for (int i = 0; i < result.Length; i++) result[i] = predictions.Span[i] >= T.CreateTruncating(0.5) ? 1 : 0;
        return result;
    }

    private static int[] Labels<T>(Tensor<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var labels = new int[targets.Shape[0]];
        for (int i = 0; i < labels.Length; i++) labels[i] = int.CreateTruncating(T.Round(targets.Span[i]));
        return labels;
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
