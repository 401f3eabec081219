namespace Backprop.Training;

/// <summary>Every fold's scores of a cross-validation run, and each metric's mean ± standard deviation over the folds × repeats.</summary>
/// <param name="Folds">The folds in the order they ran (repeat by repeat).</param>
public sealed record CrossValidationResult(IReadOnlyList<FoldScore> Folds)
{
    /// <summary>Each metric's mean and sample standard deviation (divided by n − 1) over the folds that scored it, in the folds' metric order;
    /// a metric that is not a number in some fold (R² of a constant target) is averaged over the others.</summary>
    public IReadOnlyList<(string Name, double Mean, double StandardDeviation)> Summary =>
        [.. Folds.SelectMany(f => f.Scores).GroupBy(s => s.Name).Select(g =>
        {
            double[] values = [.. g.Select(s => s.Value).Where(double.IsFinite)];
            double mean = values.Length == 0 ? double.NaN : values.Average();
            double sd = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            return (g.Key, mean, sd);
        })];
}
