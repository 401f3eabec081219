using System.Numerics;
using Backprop.Training;

namespace Backprop.Diagnostics;

/// <summary>
/// Which of a model's inputs come from which original column: the one place that maps inputs to columns, for everything that reports
/// per column (permutation importance, attributions). Today each input is its own column, named by the model's feature names (or
/// <c>x1</c>, <c>x2</c>, … without them); an encoding that makes one column into several inputs (one-hot levels) groups them here.
/// </summary>
internal static class InputColumns
{
    /// <summary>Each original column and its inputs' indices, in input order.</summary>
    public static IReadOnlyList<(string Column, int[] Inputs)> Of<T>(Network<T> network, int inputs) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var names = network.Metadata.FeatureNames;
        return [.. Enumerable.Range(0, inputs).Select(i => (names is not null && i < names.Count ? names[i] : $"x{i + 1}", new[] { i }))];
    }
}
