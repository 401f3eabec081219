using System.Numerics;
using Backprop.Data;

namespace Backprop.Training;

public static partial class Trainer
{
    /// <summary>
    /// K-fold cross-validation, repeated: the rows are divided into <see cref="CrossValidationOptions.Folds"/> folds (stratified by class, or
    /// by whole groups; see <see cref="CrossValidationOptions.Groups"/>), and for each fold a fresh network from <paramref name="network"/> is
    /// fitted on the other folds (with <paramref name="train"/>'s options, default <see cref="TrainOptions"/> seeded by the options' seed;
    /// validation rows held out of them when asked) and scored on the fold's rows (<see cref="FoldScore.Of"/>). The same seed gives the same folds.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 folds or repeats below 1, more folds than the rows of a class (ungrouped) or than the groups.</exception>
    public static CrossValidationResult CrossValidate<T>(Dataset<T> data, Func<CrossValidationFold<T>, Network<T>> network, CrossValidationOptions? options = null,
        Func<CrossValidationFold<T>, TrainOptions>? train = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        CrossValidateFitted(data, network, options, train, null);

    /// <summary>As the public overload; with <paramref name="fitOn"/>, each fold's rows come from <c>fitOn(rows)</c> — the same rows in the same order,
    /// their column encoders fitted on the fold's training rows alone (less its validation rows; <see cref="TabularData{T}.FitEncoders"/>), so that
    /// no level or fill value comes from a test row.</summary>
    internal static CrossValidationResult CrossValidateFitted<T>(Dataset<T> data, Func<CrossValidationFold<T>, Network<T>> network, CrossValidationOptions? options,
        Func<CrossValidationFold<T>, TrainOptions>? train, Func<int[], Dataset<T>>? fitOn) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(network);
        options ??= new CrossValidationOptions();
        if (options.Repeats < 1) throw new ArgumentOutOfRangeException(nameof(options), $"Cross-validation: repeats must be at least 1; got {options.Repeats}.");
        var inner = new SplitPolicy(options.Validation, 0);
        var scores = new List<FoldScore>();
        var seeds = new Tensors.Rng(options.Seed);
        for (int r = 0; r < options.Repeats; r++)
        {
            ulong seed = r == 0 ? options.Seed : seeds.NextUInt64(); // the first repeat divides as the seed says; each further one by a fresh draw
            int[] foldOf = Splits.Folds(data, options.Folds, seed, options.Groups);
            for (int f = 0; f < options.Folds; f++)
            {
                int[] testRows = [.. Enumerable.Range(0, data.Count).Where(i => foldOf[i] == f)], trainRows = [.. Enumerable.Range(0, data.Count).Where(i => foldOf[i] != f)];
                var rows = fitOn is null ? data : fitOn(FittingRows(data, trainRows, options.Validation, seed));
                var (trainPart, validation) = inner.SplitTraining(rows.Subset(trainRows), seed);
                var fold = new CrossValidationFold<T>(r, f, trainPart, validation, rows.Subset(testRows));
                var model = network(fold);
                model.Fit(fold.Train, train?.Invoke(fold) ?? new TrainOptions { Seed = options.Seed }, fold.Validation);
                var metrics = model.Evaluate(fold.Test);
                var report = model.Loss.IsClassification
                    ? new ClassificationReport([.. fold.Test.Y.ToArray().Select(v => int.CreateTruncating(v))], model.PredictClasses(fold.Test.X), data.Classes) : null;
                var score = new FoldScore(r, f, fold.Train.Count, fold.Test.Count, FoldScore.Of(metrics, report));
                scores.Add(score);
                options.OnFold?.Invoke(score);
            }
        }
        return new CrossValidationResult(scores);
    }

    // The rows of `trainRows` that SplitTraining below trains on (its split depends only on the targets and the seed); all of them when it cannot split.
    private static int[] FittingRows<T>(Dataset<T> data, int[] trainRows, double validation, ulong seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        try { return [.. Splits.Three(data.Subset(trainRows), validation, 0, seed).Train.ToArray().Select(i => trainRows[i])]; }
        catch (ArgumentException) { return trainRows; } // SplitTraining says what is wrong
    }
}
