namespace Backprop.MLNet;

/// <summary>
/// Means and population deviations of the features and the target, accumulated row by row (Welford: δ = x − m, m += δ/n,
/// M₂ += δ·(x − m)), so the statistics of data larger than memory take one pass and constant memory.
/// </summary>
internal sealed class RowStatistics(int features)
{
    private readonly double[] _means = new double[features], _squares = new double[features];
    private double _targetMean, _targetSquares;

    /// <summary>Rows added.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds one row.</summary>
    public void Add(ReadOnlySpan<float> x, float target)
    {
        Rows++;
        for (int j = 0; j < _means.Length; j++) Update(x[j], ref _means[j], ref _squares[j]);
        Update(target, ref _targetMean, ref _targetSquares);
    }

    private void Update(double x, ref double mean, ref double squares)
    {
        double delta = x - mean;
        mean += delta / Rows;
        squares += delta * (x - mean);
    }

    /// <summary>Per-feature means.</summary>
    public double[] FeatureMeans => [.. _means];

    /// <summary>Per-feature deviations (1 for a constant feature, as the library's scaler does).</summary>
    public double[] FeatureDeviations => [.. _squares.Select(Deviation)];

    /// <summary>The target's mean.</summary>
    public double TargetMean => _targetMean;

    /// <summary>The target's deviation (1 when constant).</summary>
    public double TargetDeviation => Deviation(_targetSquares);

    private double Deviation(double squares) => Math.Sqrt(squares / Rows) is var s && s > 0 ? s : 1;
}
