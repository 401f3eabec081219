using System.Numerics;
using System.Runtime.CompilerServices;
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
    /// The fold (0..<paramref name="folds"/>−1) of each row for K-fold cross-validation, seeded. Without <paramref name="groups"/>: each class
    /// (or, for regression, the whole set) is shuffled and dealt to the folds in turn, the turn carried from class to class, so every fold holds
    /// ⌊n_c/K⌋ or ⌈n_c/K⌉ rows of each class c (stratified). With <paramref name="groups"/> (a group id per row), whole groups go to folds: in
    /// shuffled order, largest first, each to the fold where it adds the least Σ_c (n_fc + g_c)²/n_c (its classes' rows spread over the folds;
    /// ties to the fold with fewest rows), so no group is in two folds.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 folds, more folds than the rows of a class (ungrouped) or than the groups.</exception>
    public static int[] Folds<T>(Dataset<T> data, int folds, ulong seed, IReadOnlyList<int>? groups = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), $"Cross-validation needs at least 2 folds; got {folds}.");
        var rng = new Rng(seed);
        var fold = new int[data.Count];
        if (groups is not null) return GroupFolds(data, folds, groups, rng);
        var (order, groupEnds) = Groups(data);
        int start = 0, turn = 0;
        for (int g = 0; g < groupEnds.Length; start = groupEnds[g++])
        {
            int length = groupEnds[g] - start;
            if (length == 0) continue;
            if (length < folds)
                throw new ArgumentException(data.Classes > 0 ? $"{folds} folds need at least {folds} rows of every class; class {g} has {length}." : $"{folds} folds need at least {folds} rows; there are {length}.", nameof(folds));
            var group = order.AsSpan(start, length);
            rng.Shuffle(group);
            foreach (int row in group) { fold[row] = turn; turn = (turn + 1) % folds; }
        }
        return fold;
    }

    private static int[] GroupFolds<T>(Dataset<T> data, int folds, IReadOnlyList<int> groups, Rng rng) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (groups.Count != data.Count) throw new ArgumentException($"Cross-validation: {groups.Count} group ids for {data.Count} rows.", nameof(groups));
        int nGroups = groups.Count == 0 ? 0 : groups.Max() + 1, classes = Math.Max(data.Classes, 1);
        if (groups.Any(g => g < 0)) throw new ArgumentException("Cross-validation: group ids must be 0 or more.", nameof(groups));
        var counts = new int[nGroups, classes]; // rows of each class in each group
        var classTotals = new double[classes];
        var labels = data.Y.Span;
        for (int i = 0; i < data.Count; i++)
        {
            int c = data.Classes > 0 ? int.CreateTruncating(labels[i]) : 0;
            counts[groups[i], c]++; classTotals[c]++;
        }
        int[] present = [.. Enumerable.Range(0, nGroups).Where(g => Enumerable.Range(0, classes).Any(c => counts[g, c] > 0))];
        if (present.Length < folds) throw new ArgumentException($"{folds} folds need at least {folds} groups; there are {present.Length}.", nameof(folds));
        rng.Shuffle(present.AsSpan());
        int Size(int g) { int s = 0; for (int c = 0; c < classes; c++) s += counts[g, c]; return s; }
        var ordered = present.OrderByDescending(Size).ToArray(); // stable: shuffled order among groups of one size
        var foldCounts = new int[folds, classes];
        var foldRows = new int[folds];
        var foldOf = new int[nGroups];
        foreach (int g in ordered)
        {
            int best = -1;
            double bestCost = double.PositiveInfinity;
            for (int f = 0; f < folds; f++)
            {
                double cost = 0;
                for (int c = 0; c < classes; c++)
                    if (counts[g, c] > 0) cost += Math.Pow(foldCounts[f, c] + counts[g, c], 2) / classTotals[c];
                if (cost < bestCost || (cost == bestCost && foldRows[f] < foldRows[best])) (best, bestCost) = (f, cost);
            }
            foldOf[g] = best;
            foldRows[best] += Size(g);
            for (int c = 0; c < classes; c++) foldCounts[best, c] += counts[g, c];
        }
        var fold = new int[data.Count];
        for (int i = 0; i < data.Count; i++) fold[i] = foldOf[groups[i]];
        return fold;
    }

    /// <summary>
    /// The row indices grouped by class in ascending class order, each group in row order (a counting sort), with the end of
    /// each group (groups of absent classes are empty); regression data is one group of every row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
