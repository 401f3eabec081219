using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>What the user typed for checkpoints and NaN handling, with what resuming found (<see cref="TrainResume"/>).</summary>
internal sealed record CheckpointArguments
{
    public string? Directory { get; init; }
    public (int Epochs, int Steps)? Every { get; init; }
    public int? Keep { get; init; }
    public bool Skip { get; init; }

    /// <summary>The checkpoint <c>--resume</c> continues from, or null.</summary>
    public Checkpoint? ResumeFrom { get; init; }

    /// <summary><c>--resume-anyway</c>: differences from the checkpoint's run are reported, not refused.</summary>
    public bool ResumeAnyway { get; init; }

    /// <summary>The output options the resumed run wrote that this one does not name (so does not write).</summary>
    public IReadOnlyList<string> OutputsNotTaken { get; init; } = [];

    /// <summary>What defines the run (<see cref="RunIdentity"/>), saved in each checkpoint and compared when resuming.</summary>
    public IReadOnlyDictionary<string, string> Identity { get; init; } = new Dictionary<string, string>();

    /// <summary>The options of the run as tokens (without <c>--resume</c>), saved in each checkpoint to resume with.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];

    /// <summary>The library's checkpoint settings, or null without <c>--checkpoint-dir</c>.</summary>
    public CheckpointOptions? Options() => Directory is null ? null : new CheckpointOptions(Directory)
    {
        EveryEpochs = Every?.Epochs ?? 1, EverySteps = Every?.Steps ?? 0, Keep = Keep ?? CheckpointOptions.DefaultKeep,
        Metadata = new Dictionary<string, string>
        {
            [TrainResume.ArgumentsKey] = System.Text.Json.JsonSerializer.Serialize(CommandLine, Backprop.IO.PlainJson.Default.IReadOnlyListString), [RunIdentity.Key] = System.Text.Json.JsonSerializer.Serialize(Identity, Backprop.IO.PlainJson.Default.IReadOnlyDictionaryStringString),
        },
    };
}
