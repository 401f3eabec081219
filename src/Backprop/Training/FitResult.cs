namespace Backprop.Training;

/// <summary>What a <c>Fit</c> call did.</summary>
/// <param name="History">One report per epoch run.</param>
/// <param name="RestoredEpoch">The earlier epoch whose parameters the model ended with (early stopping's best weights), or null when it holds the last epoch's.</param>
/// <param name="StoppedEarly">Whether a callback stopped training before the planned epochs.</param>
public sealed record FitResult(IReadOnlyList<EpochReport> History, int? RestoredEpoch, bool StoppedEarly);
