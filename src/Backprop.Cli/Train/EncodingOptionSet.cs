using System.CommandLine;
using Backprop.Cli.Common;
using Backprop.Preprocessing;

namespace Backprop.Cli.Train;

/// <summary>The options of <see cref="EncodingArguments"/>.</summary>
internal sealed class EncodingOptionSet
{
    private readonly Option<string[]> numeric = Columns("--numeric", "Columns to read as numbers (default: inferred)");
    private readonly Option<string[]> categorical = Columns("--categorical", "Columns to one-hot encode as categories, numbers included (default: text columns)");
    private readonly Option<string[]> dates = Columns("--date", "Columns to read as ISO 8601 dates (default: inferred)");
    private readonly Option<string?> impute = new("--impute")
    {
        Description = "Fill missing numbers and dates with the training rows' mean, median or zero, saved with the model (default mean, on a table with text or date columns).",
        HelpName = "mean|median|zero", CustomParser = DataOptionParsers.Choice("--impute", "mean", "median", "zero"),
    };
    private readonly Option<bool> indicator = new("--missing-indicator") { Description = "Add an input per column with missing cells in training: 1 where the cell was missing." };
    private readonly Option<int?> minFrequency = new("--min-frequency")
    { Description = "Pool category levels seen in fewer training rows than N into one \"(other)\" level (default 1: none).", HelpName = "N", CustomParser = OptionParsers.Integer("--min-frequency", 1) };
    private readonly Option<int?> maxCategories = new("--max-categories")
    { Description = "Keep the N most frequent levels of each category column; pool the rest into \"(other)\" (default: no limit).", HelpName = "N", CustomParser = OptionParsers.Integer("--max-categories", 1) };

    private static Option<string[]> Columns(string name, string what) =>
        new(name) { Description = $"{what}: names or 0-based indices, joined by ','.", HelpName = "COLUMNS", AllowMultipleArgumentsPerToken = false };

    public static EncodingOptionSet AddTo(Command command)
    {
        var o = new EncodingOptionSet();
        foreach (var option in new Option[] { o.numeric, o.categorical, o.dates, o.impute, o.indicator, o.minFrequency, o.maxCategories }) command.Options.Add(option);
        return o;
    }

    public EncodingArguments Read(ParseResult result) => new()
    {
        Numeric = List(result, numeric), Categorical = List(result, categorical), Dates = List(result, dates),
        Impute = result.GetValue(impute) switch { "mean" => Imputation.Mean, "median" => Imputation.Median, "zero" => Imputation.Zero, _ => null },
        MissingIndicator = result.GetValue(indicator), MinFrequency = result.GetValue(minFrequency), MaxCategories = result.GetValue(maxCategories),
    };

    private static string[] List(ParseResult result, Option<string[]> option) =>
        [.. (result.GetValue(option) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
}
