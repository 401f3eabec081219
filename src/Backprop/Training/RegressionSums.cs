using System.Numerics;

namespace Backprop.Training;

/// <summary>
/// Regression metrics streamed over chunks of predictions: per output column the squared and absolute errors add up, and
/// R² = 1 - SS_res/SS_tot uses the targets' column means and SS_tot, taken from the whole target set first. Holds one value
/// per column, whatever the number of rows.
/// </summary>
internal sealed class RegressionSums
{
    private readonly double[] _ssRes, _ssTot, _ae;
    private int _rows;

    private RegressionSums(int columns)
    {
        _ssRes = new double[columns]; _ssTot = new double[columns]; _ae = new double[columns];
    }

    /// <summary>Sums for <paramref name="columns"/> target columns of <paramref name="targets"/> (every row, for the means and SS_tot).</summary>
    public static RegressionSums For<T>(ReadOnlySpan<T> targets, int columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = new RegressionSums(columns);
        int n = targets.Length / columns;
        for (int j = 0; j < columns; j++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += double.CreateTruncating(targets[i * columns + j]);
            mean /= n;
            for (int i = 0; i < n; i++)
            {
                double d = double.CreateTruncating(targets[i * columns + j]) - mean;
                sums._ssTot[j] += d * d;
            }
        }
        return sums;
    }

    /// <summary>Adds a chunk of predictions and their targets, both [rows, columns].</summary>
    public void Add<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = _ssRes.Length;
        for (int i = 0; i < predictions.Length; i++)
        {
            double e = double.CreateTruncating(predictions[i]) - double.CreateTruncating(targets[i]);
            _ssRes[i % k] += e * e;
            _ae[i % k] += Math.Abs(e);
        }
        _rows += predictions.Length / k;
    }

    /// <summary>R² = 1 - SS_res/SS_tot of each target column (NaN for a constant one).</summary>
    public double[] R2PerColumn() => [.. _ssRes.Select((res, j) => _ssTot[j] > 0 ? 1 - res / _ssTot[j] : double.NaN)];

    /// <summary>The metrics of the chunks added: MSE, MAE and R² (their mean over the columns), and R² per column.</summary>
    public Metrics Metrics(double loss)
    {
        var (mse, mae, r2) = Result();
        return new Metrics(loss, null, mse, mae, r2) { R2PerTarget = R2PerColumn() };
    }

    /// <summary>Mean squared error, mean absolute error and R² (the mean over columns of 1 - SS_res/SS_tot; NaN for a constant column).</summary>
    public (double Mse, double Mae, double R2) Result()
    {
        double r2 = 0;
        for (int j = 0; j < _ssRes.Length; j++) r2 += _ssTot[j] > 0 ? 1 - _ssRes[j] / _ssTot[j] : double.NaN;
        int m = Math.Max(_rows * _ssRes.Length, 1);
        return (_ssRes.Sum() / m, _ae.Sum() / m, r2 / _ssRes.Length);
    }
}
