using System.Numerics;
using Backprop.Training;

namespace Backprop.Diagnostics;

/// <summary>
/// Which of a model's inputs come from which original column: the one place that maps inputs to columns, for everything that reports
/// per column (permutation importance, attributions). A model with column encoders groups each column's inputs (a one-hot column's
/// levels, a date's four parts, a number and its missing indicator); otherwise each input is its own column, named by the model's
/// feature names (or <c>x1</c>, <c>x2</c>, … without them).
/// </summary>
internal static class InputColumns
{
    /// <summary>Each original column and its inputs' indices, in input order.</summary>
    public static IReadOnlyList<(string Column, int[] Inputs)> Of<T>(Network<T> network, int inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (network.Metadata.Schema is { Encoders: { } states } schema)
        {
            var encoding = Preprocessing.ColumnEncoding.Restore(states);
            var columns = schema.FeatureColumnNames;
            var grouped = new List<(string, int[])>();
            int at = 0;
            for (int j = 0; j < encoding.Encoders.Count; j++)
            {
                int width = encoding.Encoders[j].Width;
                grouped.Add((columns[j], [.. Enumerable.Range(at, width)]));
                at += width;
            }
            if (at == inputs) return grouped;
        }
        var names = network.Metadata.FeatureNames;
        return [.. Enumerable.Range(0, inputs).Select(i => (names is not null && i < names.Count ? names[i] : $"x{i + 1}", new[] { i }))];
    }
}
