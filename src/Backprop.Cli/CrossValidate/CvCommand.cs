using System.CommandLine;
using Backprop.Cli.Common;
using Backprop.Cli.Train;

namespace Backprop.Cli.CrossValidate;

/// <summary><c>backprop cv</c>: K-fold cross-validation with <c>train</c>'s data, model and training options (<see cref="TrainOptionSet"/>).</summary>
internal static class CvCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "cv";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Cross-validate: divide the rows into K folds (stratified by class, or by whole groups with --group), train a fresh network on "
        + "every K − 1 folds with train's options and score it on the fold left out; print each fold and every metric as mean ± standard deviation over the folds × repeats.";

    public static Command Create()
    {
        var command = new Command(Name, Summary);
        var folds = new Option<int?>("--folds") { Description = "K, the folds (at least 2, at most the rows of the smallest class or the groups; default 5).", HelpName = "K", CustomParser = OptionParsers.Integer("--folds", 2) };
        var repeats = new Option<int?>("--repeats") { Description = "Repeat the K folds this many times, each with a fresh division of the rows from --seed (default 1).", HelpName = "R", CustomParser = OptionParsers.Integer("--repeats", 1) };
        var group = new Option<string?>("--group") { Description = "Keep the rows of each value of this column (a data file's, by name or 0-based index) in one fold; the column is not a feature.", HelpName = "COLUMN" };
        command.Options.Add(folds);
        command.Options.Add(repeats);
        command.Options.Add(group);
        var options = TrainOptionSet.AddTo(command, modelOnly: true);
        command.SetAction(result => CvPipeline.Execute(options.Read(result), result.GetValue(folds) ?? 5, result.GetValue(repeats) ?? 1, result.GetValue(group),
            result.InvocationConfiguration.Output));
        return command;
    }
}
