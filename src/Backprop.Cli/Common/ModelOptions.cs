using System.CommandLine;
using Backprop.Data;

namespace Backprop.Cli.Common;

/// <summary>Options shared by the commands that use a saved model: <c>--model</c>, <c>--data</c>, <c>--missing</c>.</summary>
internal static class ModelOptions
{
    public static Option<string> Model() => new("--model") { Description = "A model file saved by 'backprop train --out'.", HelpName = "FILE", Required = true };

    public static Option<DataSource?> Data(string description) => new("--data")
    {
        Description = description, HelpName = "FILE|NAME|mnist:DIR", Required = true, CustomParser = DataOptionParsers.Data("--data"),
    };

    public static Option<string?> Missing() => new("--missing")
    {
        Description = "Missing cells (?, empty, NA): refuse the file, drop their rows, or fill in column means (default error).",
        HelpName = "error|drop|mean", CustomParser = DataOptionParsers.Choice("--missing", "error", "drop", "mean"),
    };

    public static MissingValues MissingOf(string? text) => text switch { "drop" => MissingValues.Drop, "mean" => MissingValues.Mean, _ => MissingValues.Error };
}
