using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>Seeded index splits, stratified by class for classification data.</summary>
internal static class Splits
{
    /// <summary>
    /// Row indices of train, validation and test parts. Each class (or, for regression, the whole set) is shuffled and cut:
    /// round(n·test) rows to test, round(n·validation) to validation, the rest to train; each part is then shuffled.
    /// </summary>
    public static (ReadOnlyMemory<int> Train, int[] Validation, int[] Test) Three<T>(Dataset<T> data, double validationFraction, double testFraction, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction),
                $"Split3: validation fraction {validationFraction} and test fraction {testFraction} must be at least 0 and add up to less than 1.");
        var rng = new Rng(seed);
        var (order, groupEnds) = Groups(data);
        var cuts = new (int Test, int Validation)[groupEnds.Length];
        int start = 0, nTests = 0, nValidations = 0;
        for (int g = 0; g < groupEnds.Length; start = groupEnds[g++])
        {
            int length = groupEnds[g] - start;
            int nTest = (int)Math.Round(length * testFraction);
            cuts[g] = (nTest, Math.Min((int)Math.Round(length * validationFraction), length - nTest));
            nTests += cuts[g].Test; nValidations += cuts[g].Validation;
        }
        int[] b = new int[nValidations], c = new int[nTests];
        int ai = 0, bi = 0, ci = 0; // the training rows gather at the front of order, never past the group being cut
        start = 0;
        for (int g = 0; g < groupEnds.Length; start = groupEnds[g++])
        {
            var group = order.AsSpan(start, groupEnds[g] - start);
            rng.Shuffle(group);
            var (nTest, nValidation) = cuts[g];
            group[..nTest].CopyTo(c.AsSpan(ci)); ci += nTest;
            group.Slice(nTest, nValidation).CopyTo(b.AsSpan(bi)); bi += nValidation;
            group[(nTest + nValidation)..].CopyTo(order.AsSpan(ai)); ai += group.Length - nTest - nValidation;
        }
        var a = order.AsMemory(0, ai);
        rng.Shuffle(a.Span); rng.Shuffle(b); rng.Shuffle(c);
        return (a, b, c);
    }

    /// <summary>
    /// The row indices grouped by class in ascending class order, each group in row order (a counting sort), with the end of
    /// each group (groups of absent classes are empty); regression data is one group of every row.
    /// </summary>
    private static (int[] Order, int[] GroupEnds) Groups<T>(Dataset<T> data) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = data.Count;
        var order = new int[n];
        if (data.Classes == 0)
        {
            for (int i = 0; i < n; i++) order[i] = i;
            return (order, [n]);
        }
        var labels = data.Y.Span;
        var ends = new int[data.Classes];
        for (int i = 0; i < n; i++) ends[int.CreateTruncating(labels[i])]++;
        for (int k = 1; k < ends.Length; k++) ends[k] += ends[k - 1];
        var next = new int[data.Classes];
        for (int k = 1; k < next.Length; k++) next[k] = ends[k - 1];
        for (int i = 0; i < n; i++) order[next[int.CreateTruncating(labels[i])]++] = i;
        return (order, ends);
    }
}
