using System.Numerics;
using Backprop.Data;

namespace Backprop.Training;

/// <summary>
/// How the rows of a data set are divided into training, validation and test parts: seeded, stratified by class (see
/// <see cref="Dataset{T}.Split3"/>). <see cref="Validation"/> and <see cref="Test"/> are fractions of all rows; when the test
/// rows come from elsewhere (a test file, the last rows) <see cref="SplitTraining{T}"/> takes the validation rows from the rest.
/// </summary>
public sealed record SplitPolicy
{
    /// <summary>20% validation, 20% test: the split of data files and built-in data sets.</summary>
    public static SplitPolicy Default { get; } = new(0.2, 0.2);

    /// <summary>A split holding out <paramref name="validation"/> and <paramref name="test"/> of the rows; each from 0 (no such part) up
    /// to 1, together below 1 so that training rows remain.</summary>
    public SplitPolicy(double validation, double test)
    {
        if (!(validation >= 0 && validation < 1)) throw new ArgumentOutOfRangeException(nameof(validation), $"Split: the validation fraction must be from 0 up to 1; got {validation}.");
        if (!(test >= 0 && test < 1)) throw new ArgumentOutOfRangeException(nameof(test), $"Split: the test fraction must be from 0 up to 1; got {test}.");
        if (validation + test >= 1)
            throw new ArgumentOutOfRangeException(nameof(validation), $"Split: validation {validation} and test {test} leave no training rows; they must add up to less than 1.");
        Validation = validation; Test = test;
    }

    /// <summary>Fraction of the rows held out for validation (early stopping watches them).</summary>
    public double Validation { get; }

    /// <summary>Fraction of the rows held out for the test.</summary>
    public double Test { get; }

    /// <summary>Training, validation (null when <see cref="Validation"/> is 0) and test rows of <paramref name="all"/>; throws when
    /// a part that should have rows has none.</summary>
    public (Dataset<T> Train, Dataset<T>? Validation, Dataset<T> Test) Split<T>(Dataset<T> all, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(all);
        var (train, validation, test) = all.Split3(Validation, Test, seed);
        if (test.Count == 0) throw new ArgumentException($"Split: no test rows; the test fraction {Test} of {all.Count} rows rounds to none.", nameof(all));
        return (NotEmpty(train, all.Count), validation.Count > 0 ? validation : null, test);
    }

    /// <summary>Training and validation rows of <paramref name="rest"/> when the test rows are held elsewhere (<see cref="Test"/> is not used).</summary>
    public (Dataset<T> Train, Dataset<T>? Validation) SplitTraining<T>(Dataset<T> rest, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(rest);
        var (train, validation, _) = rest.Split3(Validation, 0, seed);
        return (NotEmpty(train, rest.Count), validation.Count > 0 ? validation : null);
    }

    private static Dataset<T> NotEmpty<T>(Dataset<T> train, int rows) where T : unmanaged, IFloatingPointIeee754<T> => train.Count > 0 ? train
        : throw new ArgumentException($"Split: no training rows are left of {rows} after holding out validation and test rows.", nameof(train));
}
