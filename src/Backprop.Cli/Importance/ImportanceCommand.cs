using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Common;
using Backprop.Cli.Plots;
using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Text;
using Backprop.Training;

namespace Backprop.Cli.Importance;

/// <summary><c>backprop importance</c>: each original column's permutation importance for a saved model on labelled rows (<see cref="PermutationImportance"/>), most important first, with a bar plot.</summary>
internal static class ImportanceCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "importance";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "What a saved model uses: for each original column, how much its score (accuracy, or R² for regression) drops when that column's values are shuffled among the rows, repeated with ±.";

    public static Command Create()
    {
        var model = ModelOptions.Model();
        var data = ModelOptions.Data("Labelled rows to measure on: a file or built-in data set with the model's columns (target included); rows the model did not train on give an honest figure.");
        var missing = ModelOptions.Missing();
        var repeats = new Option<int?>("--repeats") { Description = "Shuffles per column (default 5); the drop is shown as mean ± standard deviation over them.", HelpName = "R", CustomParser = OptionParsers.Integer("--repeats", 1) };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the shuffles (default 1).", HelpName = "N", CustomParser = OptionParsers.Seed("--seed") };
        var plot = new Option<string?>("--plot") { Description = "Draw the importances as bars with their standard deviations to this PNG.", HelpName = "FILE" };
        var command = new Command(Name, Summary);
        foreach (Option option in new Option[] { model, data, missing, repeats, seed, plot }) command.Options.Add(option);
        command.SetAction(result => Execute(result.GetRequiredValue(model), result.GetRequiredValue(data)!, result.GetValue(missing) is { } m ? ModelOptions.MissingOf(m) : null,
            result.GetValue(repeats) ?? 5, result.GetValue(seed) ?? 1, result.GetValue(plot), result.InvocationConfiguration.Output));
        return command;
    }

    private static int Execute(string modelPath, DataSource source, MissingValues? missing, int repeats, ulong seed, string? plot, TextWriter output)
    {
        OutputPaths.Check([("--model", modelPath), ("--data", source.File)], ("--plot", plot));
        var network = Network<float>.Load(modelPath);
        var data = ModelInput.Labelled(network, source, modelPath, missing);
        if (data.Count < 2) throw new UsageException($"--data {source.Name}: shuffling a column needs at least 2 rows; it has {data.Count}");
        var (score, columns) = PermutationImportance.Compute(network, data, repeats, seed);
        string scoreName = PermutationImportance.ScoreName(network);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(Inert.Text(string.Create(c, $"importance {Path.GetFileName(modelPath)} on {source.Name}: {data.Count} rows, {scoreName} {score:F4}; drop in {scoreName} when a column is shuffled, mean ± sd over {repeats} shuffle{(repeats == 1 ? "" : "s")} (seed {seed})")));
        var ranked = columns.OrderByDescending(col => col.Mean).ToList();
        int width = Math.Max(6, ranked.Max(col => Inert.Text(col.Column).Length));
        output.WriteLine($"{"column".PadRight(width)}  {"drop",9}  {"± sd",8}");
        foreach (var col in ranked)
            output.WriteLine(string.Create(c, $"{Inert.Text(col.Column).PadRight(width)}  {col.Mean,9:F4}  {col.StandardDeviation,8:F4}"));
        if (plot is not null)
        {
            ImportancePlot.Save(plot, ranked, $"{Path.GetFileName(modelPath)} on {source.Name}", $"drop in {scoreName} when shuffled");
            output.WriteLine($"saved importance plot to {plot}");
        }
        return BackpropCli.Success;
    }
}
