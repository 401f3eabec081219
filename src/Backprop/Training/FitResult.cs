namespace Backprop.Training;

/// <summary>What a <c>Fit</c> call did.</summary>
/// <param name="History">One report per epoch run.</param>
/// <param name="RestoredEpoch">The earlier epoch whose parameters the model ended with (early stopping's best weights), or null when it holds the last epoch's.</param>
/// <param name="StoppedEarly">Whether a callback stopped training before the planned epochs.</param>
public sealed record FitResult(IReadOnlyList<EpochReport> History, int? RestoredEpoch, bool StoppedEarly)
{
    /// <summary>Whether a callback interrupted the run after a step (<see cref="TrainingContext.Interrupt"/>).</summary>
    public bool Interrupted { get; init; }

    /// <summary>The last checkpoint file written, or null.</summary>
    public string? LastCheckpoint { get; init; }

    /// <summary>The epoch and steps done in it when the run ended (for an interrupted run, where it resumes).</summary>
    public (int Epoch, int Step) Position { get; init; }
}
