using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using Backprop.Errors;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// <c>train --resume DIR</c>: the newest valid checkpoint of DIR, and the options of the run it continues — those saved in the
/// checkpoint (<see cref="ArgumentsKey"/>), each replaced by the same option given now.
/// </summary>
internal static class TrainResume
{
    /// <summary>The checkpoint metadata entry holding the run's options, a JSON list of tokens.</summary>
    public const string ArgumentsKey = "train_arguments";

    /// <summary>The parse to run and the checkpoint to resume from: <paramref name="now"/> and null without <paramref name="resume"/>.</summary>
    public static (ParseResult Parse, Checkpoint? Checkpoint) Apply(ParseResult now, Command train, Option<string?> resume)
    {
        if (now.GetValue(resume) is not { } directory) return (now, null);
        var checkpoint = CheckpointDirectory.Newest(directory);
        string[] saved;
        try { saved = JsonSerializer.Deserialize<string[]>(checkpoint.Metadata.GetValueOrDefault(ArgumentsKey) ?? "null") ?? throw new JsonException(); }
        catch (JsonException) { throw BackpropException.BadInput($"{checkpoint.Path}: holds no options of a backprop train run to resume with."); }
        var given = Given(now).Select(o => o.Option).ToHashSet();
        var merged = train.Parse([.. Given(train.Parse(saved)).Where(o => !given.Contains(o.Option)).SelectMany(Tokens), .. Given(now).SelectMany(Tokens)]);
        if (merged.Errors.Count > 0) throw new UsageException($"{checkpoint.Path}: the saved options do not parse: {merged.Errors[0].Message}");
        return (merged, checkpoint);
    }

    /// <summary>The options given in <paramref name="parse"/> as tokens, without <paramref name="resume"/>: what each checkpoint saves.</summary>
    public static string[] Saved(ParseResult parse, Option resume) => [.. Given(parse).Where(o => o.Option != resume).SelectMany(Tokens)];

    private static IEnumerable<OptionResult> Given(ParseResult parse) =>
        parse.CommandResult.Children.OfType<OptionResult>().Where(o => !o.Implicit && o.IdentifierToken is not null);

    private static IEnumerable<string> Tokens(OptionResult option) => option.Tokens.Count == 0
        ? [option.IdentifierToken!.Value]
        : option.Tokens.SelectMany(t => new[] { option.IdentifierToken!.Value, t.Value });
}
