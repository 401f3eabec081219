using Backprop.Errors;

namespace Backprop.Training;

/// <summary>
/// Where and how often <see cref="Trainer.Fit{T}"/> writes <see cref="Checkpoint"/>s: every <see cref="EveryEpochs"/> epochs and/or every
/// <see cref="EverySteps"/> optimizer steps, and when a callback interrupts the run (<see cref="TrainingContext.Interrupt"/>), into
/// <see cref="Directory"/>, keeping the newest <see cref="Keep"/> (see <see cref="CheckpointDirectory"/>).
/// </summary>
/// <param name="Directory">The directory of the checkpoint files (created when missing).</param>
public sealed record CheckpointOptions(string Directory)
{
    /// <summary>The number of checkpoints kept when none is said.</summary>
    public const int DefaultKeep = 3;

    /// <summary>Write one after every this many epochs (0 = not by epochs; the default 1).</summary>
    public int EveryEpochs { get; init; } = 1;

    /// <summary>Write one after every this many steps, counted from the run's start (0 = not by steps, the default).</summary>
    public int EverySteps { get; init; }

    /// <summary>How many of the newest checkpoints to keep (≥ 1; default 3); older ones are deleted after each write.</summary>
    public int Keep { get; init; } = DefaultKeep;

    /// <summary>The caller's strings saved in every checkpoint (e.g. the options the run started with), read back as <see cref="Checkpoint.Metadata"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    internal void Validate()
    {
        if (EveryEpochs < 0 || EverySteps < 0) throw BackpropException.BadSetting($"Checkpoints: every {EveryEpochs} epochs and {EverySteps} steps; neither may be negative.");
        if (Keep < 1) throw BackpropException.BadSetting($"Checkpoints: keep must be at least 1; got {Keep}.");
    }
}
