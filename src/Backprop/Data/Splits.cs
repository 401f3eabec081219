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
    public static (int[] Train, int[] Validation, int[] Test) Three<T>(Dataset<T> data, double validationFraction, double testFraction, ulong seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!(validationFraction >= 0 && testFraction >= 0 && validationFraction + testFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction),
                $"Split3: validation fraction {validationFraction} and test fraction {testFraction} must be at least 0 and add up to less than 1.");
        var rng = new Rng(seed);
        var train = new List<int>(); var validation = new List<int>(); var test = new List<int>();
        var groups = data.Classes > 0
            ? Enumerable.Range(0, data.Count).GroupBy(i => int.CreateTruncating(data.Y.Span[i])).OrderBy(g => g.Key).Select(g => g.ToArray())
            : [Enumerable.Range(0, data.Count).ToArray()];
        foreach (var group in groups)
        {
            rng.Shuffle(group);
            int nTest = (int)Math.Round(group.Length * testFraction);
            int nValidation = Math.Min((int)Math.Round(group.Length * validationFraction), group.Length - nTest);
            test.AddRange(group[..nTest]);
            validation.AddRange(group[nTest..(nTest + nValidation)]);
            train.AddRange(group[(nTest + nValidation)..]);
        }
        int[] a = [.. train], b = [.. validation], c = [.. test];
        rng.Shuffle(a); rng.Shuffle(b); rng.Shuffle(c);
        return (a, b, c);
    }
}
