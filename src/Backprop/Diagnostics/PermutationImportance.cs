using System.Numerics;
using Backprop.Data;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Diagnostics;

/// <summary>How much a model's score falls when one original column's values are shuffled among the rows (its link to the target broken).</summary>
/// <param name="Column">The original column (all its inputs shuffled together).</param>
/// <param name="Mean">The mean drop of the score over the repeats (positive: the model uses the column).</param>
/// <param name="StandardDeviation">The sample standard deviation (n − 1) of the drops; 0 for one repeat.</param>
/// <param name="Drops">Each repeat's drop.</param>
public sealed record ColumnImportance(string Column, double Mean, double StandardDeviation, IReadOnlyList<double> Drops);

/// <summary>
/// Permutation importance (Breiman 2001; scikit-learn's <c>permutation_importance</c>): the score on the rows as they are, minus the score
/// after the values of one original column are permuted across the rows, repeated with fresh permutations from a seed. The score is
/// accuracy for classification and R² for regression (<see cref="ScoreName{T}"/>).
/// </summary>
public static class PermutationImportance
{
    /// <summary>"accuracy" or "R²": what <see cref="Compute{T}"/> measures the drop of for <paramref name="network"/>.</summary>
    public static string ScoreName<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T> =>
        network.Loss.IsClassification ? "accuracy" : "R²";

    /// <summary>Each original column's importance on <paramref name="data"/> (raw rows, targets included), in the columns' order, with
    /// the unshuffled score; <paramref name="repeats"/> permutations per column drawn from <paramref name="seed"/>.</summary>
    public static (double Score, IReadOnlyList<ColumnImportance> Columns) Compute<T>(Network<T> network, Dataset<T> data, int repeats = 5, ulong seed = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats), $"PermutationImportance: repeats must be at least 1; got {repeats}.");
        if (data.Count < 2) throw new ArgumentException($"PermutationImportance: shuffling needs at least 2 rows; got {data.Count}.", nameof(data));
        double baseline = Score(network, data);
        var rng = new Rng(seed);
        int n = data.Count, f = data.Features;
        var result = new List<ColumnImportance>();
        var order = new int[n];
        foreach (var (column, inputs) in InputColumns.Of(network, f))
        {
            var drops = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                for (int i = 0; i < n; i++) order[i] = i;
                rng.Shuffle(order);
                var x = data.X.Clone();
                var source = data.X.Span;
                var target = x.Span;
                for (int i = 0; i < n; i++)
                    foreach (int j in inputs) target[i * f + j] = source[order[i] * f + j]; // row i takes row order[i]'s values of the column
                drops[r] = baseline - Score(network, new Dataset<T>(x, data.Y, data.Classes));
            }
            double mean = drops.Average();
            double sd = repeats < 2 ? 0 : Math.Sqrt(drops.Sum(d => (d - mean) * (d - mean)) / (repeats - 1));
            result.Add(new ColumnImportance(column, mean, sd, drops));
        }
        return (baseline, result);
    }

    private static double Score<T>(Network<T> network, Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var metrics = network.Evaluate(data);
        return network.Loss.IsClassification ? metrics.Accuracy ?? double.NaN : metrics.R2 ?? double.NaN;
    }
}
