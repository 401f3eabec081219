using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Backprop.Cli.Train;

/// <summary>The options of <c>backprop train</c> for long runs (checkpoints, resuming, NaN handling), read back as <see cref="CheckpointArguments"/>.</summary>
internal sealed class CheckpointOptionSet
{
    private readonly Option<string?> directory = new("--checkpoint-dir")
    {
        Description = "Write checkpoints (model, optimizer, schedule, random generators, position in the epoch) to this directory, to continue with --resume. Default: none.",
        HelpName = "DIR",
    };
    private readonly Option<(int Epochs, int Steps)?> every = new("--checkpoint-every")
    { Description = "How often --checkpoint-dir gets one: every N epochs, or Ns for every N steps. Default: 1 (every epoch).", HelpName = "N|Ns", CustomParser = Every };
    private readonly Option<int?> keep = new("--keep")
    { Description = $"How many of the newest checkpoints --checkpoint-dir keeps. Default: {Training.CheckpointOptions.DefaultKeep}.", HelpName = "K", CustomParser = OptionParsers.Integer("--keep", 1) };
    private readonly Option<string?> onNan = new("--on-nan")
    {
        Description = "When a step's loss or gradient is NaN or infinite: stop (naming the epoch, step and layer) or skip the batch. Default: stop.",
        HelpName = "stop|skip", CustomParser = DataOptionParsers.Choice("--on-nan", "stop", "skip"),
    };

    /// <summary><c>--resume DIR</c>, read before the others (<see cref="TrainResume"/>).</summary>
    public Option<string?> Resume { get; } = new("--resume")
    {
        Description = "Continue the run checkpointed in DIR from its newest valid checkpoint (a damaged newest falls back to the one before), with the options it started with unless given again.",
        HelpName = "DIR",
    };

    private readonly Option<bool> anyway = new("--resume-anyway")
    {
        Description = "With --resume: continue even though the data, the seed, the split or the network differ from the checkpoint's run (each difference is named).",
    };

    public static CheckpointOptionSet AddTo(Command command)
    {
        var o = new CheckpointOptionSet();
        foreach (Option option in new Option[] { o.directory, o.every, o.keep, o.Resume, o.anyway, o.onNan }) command.Options.Add(option);
        return o;
    }

    public CheckpointArguments Read(ParseResult result)
    {
        var args = new CheckpointArguments
        {
            Directory = result.GetValue(directory), Every = result.GetValue(every), Keep = result.GetValue(keep), Skip = result.GetValue(onNan) == "skip",
            ResumeAnyway = result.GetValue(anyway),
        };
        bool resuming = result.GetValue(Resume) is not null;
        if (args.ResumeAnyway && !resuming) throw new UsageException("--resume-anyway is a setting of --resume, which is not given");
        if (args.Directory is null && !resuming && (args.Every is not null || args.Keep is not null))
            throw new UsageException($"{(args.Every is not null ? "--checkpoint-every" : "--keep")} is a setting of --checkpoint-dir, which is not given");
        return args;
    }

    // N epochs, or Ns steps.
    private static (int, int)? Every(ArgumentResult result)
    {
        if (OptionParsers.Value(result, "--checkpoint-every") is not { } text) return null;
        bool steps = text.EndsWith('s');
        return int.TryParse(steps ? text[..^1] : text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? steps ? (0, n) : (n, 0)
            : OptionParsers.Fail<(int, int)?>(result, $"--checkpoint-every must be a whole number of epochs of at least 1, or of steps followed by s (e.g. 500s); got {OptionParsers.Shown(result)}");
    }
}
