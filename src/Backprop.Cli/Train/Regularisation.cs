using System.Globalization;

namespace Backprop.Cli.Train;

/// <summary>What the user asked of regularisation: dropout per hidden layer, batch normalisation, an L1 penalty and gradient clipping.</summary>
/// <param name="Dropout">One probability for every hidden layer, or one per hidden layer; null = none.</param>
internal sealed record Regularisation(double[]? Dropout = null, bool BatchNorm = false, double L1 = 0, double? ClipNorm = null, double? ClipValue = null)
{
    /// <summary>Text for the run's header: <c>, dropout 0.2, batch norm, l1 1e-05, clip norm 1</c> (empty when nothing is asked).</summary>
    public string Describe() => string.Concat(new[]
    {
        Dropout is { } d ? ", dropout " + string.Join(",", d.Select(p => p.ToString(CultureInfo.InvariantCulture))) : "",
        BatchNorm ? ", batch norm" : "",
        L1 > 0 ? ", l1 " + L1.ToString(CultureInfo.InvariantCulture) : "",
        ClipValue is { } v ? ", clip value " + v.ToString(CultureInfo.InvariantCulture) : "",
        ClipNorm is { } n ? ", clip norm " + n.ToString(CultureInfo.InvariantCulture) : "",
    });

    /// <summary>
    /// Throws <see cref="UsageException"/> when the dropout probabilities do not fit the network's <paramref name="hiddenLayers"/>, or
    /// batch norm gets batches of one row (<paramref name="batchSize"/>; null for an optimizer that takes the whole set at once), whose
    /// variance is undefined (whether the options fit the optimizer is the library's rule, <c>Trainer.Check</c>).
    /// </summary>
    public void Check(int hiddenLayers, int? batchSize)
    {
        if (BatchNorm && batchSize < 2)
            throw new UsageException($"--batch-norm needs at least 2 rows per batch to compute a variance; --batch-size is {batchSize}");
        if (Dropout is { Length: > 1 } d && d.Length != hiddenLayers)
            throw new UsageException($"--dropout {string.Join(",", d.Select(p => p.ToString(CultureInfo.InvariantCulture)))}: {d.Length} probabilities for {hiddenLayers} hidden layer(s); give one for all or one per hidden layer");
    }
}
