using System.CommandLine;
using Backprop.Data;

namespace Backprop.Cli.Train;

/// <summary>The <c>train</c> options for data files and MNIST, for saving the model and for plots; added to the command by <see cref="AddTo"/>.</summary>
internal sealed class TrainExtraOptions
{
    private readonly Option<string?> target = new("--target")
    { Description = "Target column of a data file: a header name, or a 0-based index (-1 = last; default).", HelpName = "COLUMN" };
    private readonly Option<string?> task = new("--task")
    {
        Description = "classification or regression (default: inferred from the target: text, or at most 20 distinct integers, is classification).",
        HelpName = "classification|regression", CustomParser = DataOptionParsers.Choice("--task", "classification", "regression"),
    };
    private readonly Option<int[]?> hidden = new("--hidden")
    { Description = "Hidden layer sizes joined by ',' (data files: default 64); instead of --layers.", HelpName = "SIZES", CustomParser = DataOptionParsers.Sizes("--hidden") };
    private readonly Option<string?> optimizer = new("--optimizer")
    { Description = "Optimizer for data files (default sgd).", HelpName = "sgd|adam", CustomParser = DataOptionParsers.Choice("--optimizer", "sgd", "adam") };
    private readonly Option<int?> patience = new("--patience")
    {
        Description = "Early stopping: stop when the validation loss has not improved for N epochs and restore the best epoch (default 10; 0 = off).",
        HelpName = "N", CustomParser = OptionParsers.Integer("--patience", 0),
    };
    private readonly Option<string?> scale = new("--scale")
    { Description = "Feature scaling fitted on the training rows (default standard).", HelpName = "standard|minmax|none", CustomParser = DataOptionParsers.Choice("--scale", "standard", "minmax", "none") };
    private readonly Option<string?> separator = new("--separator")
    { Description = "Field separator (default: detected).", HelpName = ",|;|tab|whitespace", CustomParser = DataOptionParsers.Separator("--separator") };
    private readonly Option<bool> header = new("--header") { Description = "The first line holds column names (default: detected)." };
    private readonly Option<bool> noHeader = new("--no-header") { Description = "The first line is data." };
    private readonly Option<string[]> drop = new("--drop")
    { Description = "Columns to leave out, by name or 0-based index (negative from the end), joined by ','.", HelpName = "COLUMNS", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> missing = new("--missing")
    { Description = "Missing cells (?, empty, NA): refuse the file, drop their rows, or fill in column means (default error).", HelpName = "error|drop|mean", CustomParser = DataOptionParsers.Choice("--missing", "error", "drop", "mean") };
    private readonly Option<double?> validation = new("--validation")
    { Description = "Fraction of the training rows held out for validation and early stopping (default 0.2).", HelpName = "FRACTION", CustomParser = DataOptionParsers.Fraction("--validation") };
    private readonly Option<double?> testFraction = new("--test-fraction")
    { Description = "Fraction of the rows held out for the test (default 0.2; stratified, seeded).", HelpName = "FRACTION", CustomParser = DataOptionParsers.Fraction("--test-fraction") };
    private readonly Option<string?> testFile = new("--test") { Description = "Test on this file (same columns) instead of held-out rows.", HelpName = "FILE" };
    private readonly Option<int?> testLast = new("--test-last")
    { Description = "Test on the last N rows in file order instead of held-out rows.", HelpName = "N", CustomParser = OptionParsers.Integer("--test-last", 1) };
    private readonly Option<string?> output = new("--out") { Description = "Save the trained model here (safetensors).", HelpName = "FILE" };
    private readonly Option<string?> plot = new("--plot") { Description = "Draw the loss and accuracy (or R²) per epoch to this PNG.", HelpName = "FILE" };
    private readonly Option<string?> plotBoundary = new("--plot-boundary")
    { Description = "Draw the decision regions and the data points to this PNG (classification with 2 features).", HelpName = "FILE" };

    public static TrainExtraOptions AddTo(Command command)
    {
        var o = new TrainExtraOptions();
        foreach (Option option in new Option[] { o.target, o.task, o.hidden, o.optimizer, o.patience, o.scale, o.separator, o.header, o.noHeader,
                     o.drop, o.missing, o.validation, o.testFraction, o.testFile, o.testLast, o.output, o.plot, o.plotBoundary })
            command.Options.Add(option);
        return o;
    }

    public TrainExtras Read(ParseResult result)
    {
        bool header = result.GetValue(this.header), noHeader = result.GetValue(this.noHeader);
        if (header && noHeader) throw new UsageException("--header and --no-header contradict each other; give one");
        return new TrainExtras
        {
            Target = result.GetValue(target),
            Task = result.GetValue(task) switch { "classification" => TaskKind.Classification, "regression" => TaskKind.Regression, _ => null },
            Hidden = result.GetResult(hidden) is null ? null : result.GetValue(hidden),
            Optimizer = result.GetValue(optimizer), Patience = result.GetValue(patience), Scale = result.GetValue(scale),
            Separator = result.GetValue(separator), Header = header ? true : noHeader ? false : null,
            Drop = [.. (result.GetValue(drop) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
            Missing = result.GetValue(missing) switch { "drop" => MissingValues.Drop, "mean" => MissingValues.Mean, "error" => MissingValues.Error, _ => null },
            Validation = result.GetValue(validation), TestFraction = result.GetValue(testFraction), TestFile = result.GetValue(testFile),
            TestLast = result.GetValue(testLast), Out = result.GetValue(output), Plot = result.GetValue(plot), PlotBoundary = result.GetValue(plotBoundary),
        };
    }
}
