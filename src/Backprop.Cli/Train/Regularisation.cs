using System.Globalization;

namespace Backprop.Cli.Train;

/// <summary>What the user asked of regularisation: dropout per hidden layer, a normalisation, skip connections, an L1 penalty and gradient clipping.</summary>
/// <param name="Dropout">One probability for every hidden layer, or one per hidden layer; null = none.</param>
/// <param name="Norm">The registered normalisation layer after each hidden Dense (<c>batch_norm1d</c>, <c>layer_norm</c>), or null.</param>
/// <param name="Residual">Skip connections around each hidden block of equal width.</param>
internal sealed record Regularisation(double[]? Dropout = null, string? Norm = null, double L1 = 0, double? ClipNorm = null, double? ClipValue = null, bool Residual = false)
{
    /// <summary>Batch normalisation, which needs at least two rows per batch (the last short batch is dropped).</summary>
    public bool BatchNorm => Norm == "batch_norm1d";

    /// <summary>Text for the run's header: <c>, dropout 0.2, batch norm, l1 1e-05, clip norm 1</c> (empty when nothing is asked).</summary>
    public string Describe() => string.Concat(new[]
    {
        Dropout is { } d ? ", dropout " + string.Join(",", d.Select(p => p.ToString(CultureInfo.InvariantCulture))) : "",
        Norm is { } norm ? ", " + (norm == "batch_norm1d" ? "batch norm" : norm == "layer_norm" ? "layer norm" : norm) : "",
        Residual ? ", residual" : "",
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
