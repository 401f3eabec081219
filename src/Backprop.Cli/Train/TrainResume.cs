using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Backprop.Errors;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// <c>train --resume DIR</c>: the newest valid checkpoint of DIR, and the options of the run it continues — those saved in the
/// checkpoint (<see cref="ArgumentsKey"/>), each replaced by the same option given now. A checkpoint names no file the run writes:
/// the options that name outputs (<see cref="Writes"/>) are never taken from it, only from the command line; its checkpoints go on in DIR.
/// </summary>
internal static class TrainResume
{
    /// <summary>The checkpoint metadata entry holding the run's options, a JSON list of tokens.</summary>
    public const string ArgumentsKey = "train_arguments";

    /// <summary>The options that name files or directories the run writes, or say how to resume: taken from the command line only.</summary>
    public static readonly IReadOnlySet<string> Writes = new HashSet<string>(StringComparer.Ordinal)
        { "--out", "--plot", "--plot-boundary", "--log-csv", "--checkpoint-dir", "--resume", "--resume-anyway" };

    /// <summary>What resuming found: the parse to run, the checkpoint, its directory, and the outputs its run wrote that this one will not unless given again.</summary>
    public sealed record Resumed(ParseResult Parse, Checkpoint? Checkpoint, string? Directory, IReadOnlyList<string> OutputsNotTaken);

    /// <summary>The parse to run and the checkpoint to resume from: <paramref name="now"/> and null without <paramref name="resume"/>.</summary>
    public static Resumed Apply(ParseResult now, Command train, Option<string?> resume)
    {
        if (now.GetValue(resume) is not { } directory) return new Resumed(now, null, null, []);
        var checkpoint = CheckpointDirectory.Newest(directory);
        string[] saved;
        try { saved = JsonSerializer.Deserialize(checkpoint.Metadata.GetValueOrDefault(ArgumentsKey) ?? "null", Backprop.IO.PlainJson.Default.StringArray) ?? throw new JsonException(); }
        catch (JsonException) { throw BackpropException.BadInput($"{checkpoint.Path}: holds no options of a backprop train run to resume with."); }
        var given = Given(now).Select(o => o.Option).ToHashSet();
        var savedParse = train.Parse(saved);
        var fromCheckpoint = Given(savedParse).Where(o => !given.Contains(o.Option) && !Writes.Contains(Name(o))).ToList();
        string[] notTaken = [.. Given(savedParse).Select(Name).Where(n => Writes.Contains(n) && n != "--checkpoint-dir" && !given.Any(g => g.Name == n)).Distinct()];
        var merged = train.Parse([.. fromCheckpoint.SelectMany(Tokens), .. Given(now).SelectMany(Tokens)]);
        if (merged.Errors.Count > 0) throw new UsageException($"{checkpoint.Path}: the saved options do not parse: {merged.Errors[0].Message}");
        return new Resumed(merged, checkpoint, directory, notTaken);
    }

    /// <summary>The options given in <paramref name="parse"/> as tokens, without those naming outputs: what each checkpoint saves.</summary>
    public static string[] Saved(ParseResult parse) => [.. Given(parse).Where(o => !Writes.Contains(Name(o))).SelectMany(Tokens)];

    private static string Name(OptionResult option) => option.Option.Name;

    private static IEnumerable<OptionResult> Given(ParseResult parse) =>
        parse.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit && o.IdentifierToken is not null);

    private static IEnumerable<string> Tokens(OptionResult option) => option.Tokens.Count == 0
        ? [option.IdentifierToken!.Value]
        : option.Tokens.SelectMany(t => new[] { option.IdentifierToken!.Value, t.Value });
}
