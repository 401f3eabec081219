namespace Backprop.Training;

/// <summary>How <see cref="Trainer.CrossValidate{T}"/> divides and repeats: K folds (stratified by class, or grouped), R repeats, all from one seed.</summary>
public sealed record CrossValidationOptions
{
    /// <summary>K, the folds: each is the test part once while the other K − 1 train (at least 2; default 5).</summary>
    public int Folds { get; init; } = 5;

    /// <summary>R, how many times the whole K-fold run is repeated with a fresh division of the rows (default 1).</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>The seed of every division (repeat r divides by a seed drawn from it), and of the validation rows.</summary>
    public ulong Seed { get; init; }

    /// <summary>A group id (0 or more) per row, or null: rows of one group always share a fold (scikit-learn's <c>StratifiedGroupKFold</c>).</summary>
    public IReadOnlyList<int>? Groups { get; init; }

    /// <summary>Fraction of each fold's training rows held out as validation rows (early stopping watches them); 0 = none (default).</summary>
    public double Validation { get; init; }

    /// <summary>Called after each fold with its scores, e.g. to show progress.</summary>
    public Action<FoldScore>? OnFold { get; init; }
}
