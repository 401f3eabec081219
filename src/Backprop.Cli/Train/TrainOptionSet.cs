using System.CommandLine;
using Backprop.Datasets;
using Backprop.Data;
using Backprop.Nn;

namespace Backprop.Cli.Train;

/// <summary>Every option of <c>backprop train</c>, added to the command by <see cref="AddTo"/> and read back as <see cref="TrainArguments"/>.</summary>
internal sealed class TrainOptionSet
{
    private readonly Option<DataSource?> data = new("--data")
    {
        Description = "Data to learn: a generated set (default: spirals), a built-in data set ('backprop datasets' lists them), a data file (CSV, ';', tab or whitespace separated, or .parquet), or mnist:DIR.",
        HelpName = string.Join("|", GeneratedSets.Names) + "|NAME|FILE|mnist:DIR", CustomParser = DataOptionParsers.Data("--data"),
    };
    private readonly Option<int[]?> layers = new("--layers")
    {
        Description = "Layer sizes joined by '-': inputs, hidden sizes..., outputs (must fit the data); instead of --hidden.", HelpName = "SIZES",
        CustomParser = OptionParsers.Layers("--layers"), Arity = ArgumentArity.ExactlyOne,
    };
    private readonly Option<int[]?> hidden = new("--hidden")
    { Description = "Hidden layer sizes joined by ',' (inputs and outputs follow from the data); instead of --layers.", HelpName = "SIZES", CustomParser = DataOptionParsers.Sizes("--hidden") };
    private readonly Option<Activation?> activation = new("--activation")
    {
        Description = "Hidden-layer activation.", HelpName = OptionParsers.HiddenActivationNames("|"),
        CustomParser = OptionParsers.HiddenActivation("--activation"),
    };
    private readonly Option<Loss?> loss = new("--loss")
    {
        Description = "Loss: softmax_ce, or bce_logits (2 classes, 1 output), for classification; mse_mean or mse_half for regression.",
        HelpName = Loss.Names.Replace(", ", "|"), CustomParser = OptionParsers.LossFunction("--loss"),
    };
    private readonly OptimizerOptionSet optimization = new();
    private readonly Option<double?> lr = new("--lr") { Description = "Learning rate of the optimizer (> 0).", HelpName = "RATE", CustomParser = OptionParsers.PositiveNumber("--lr") };
    private readonly Option<int?> epochs = new("--epochs") { Description = "Passes over the training data (>= 1); with lbfgs each epoch is one full-batch L-BFGS step (up to 20 iterations).", HelpName = "N", CustomParser = OptionParsers.Integer("--epochs", 1) };
    private readonly Option<int?> batch = new("--batch-size") { Description = "Examples per training step (>= 1); ignored by lbfgs, which trains full batch.", HelpName = "N", CustomParser = OptionParsers.Integer("--batch-size", 1) };
    private readonly Option<int?> patience = new("--patience")
    {
        Description = "Early stopping: stop when --monitor (the validation loss, or the training loss when --validation is 0) has not improved for N epochs and restore the best epoch (0 = off).",
        HelpName = "N", CustomParser = OptionParsers.Integer("--patience", 0),
    };
    private readonly Option<string?> scale = new("--scale")
    { Description = "Feature scaling fitted on the training rows.", HelpName = Scalers.Registry.Names.Replace(", ", "|", StringComparison.Ordinal), CustomParser = DataOptionParsers.Choice("--scale", [.. Scalers.Registry.Entries.Select(e => e.Name)]) };
    private readonly Option<ulong?> seed = new("--seed")
    {
        Description = "Seed of data generation, split, initialization and shuffling.", HelpName = "N",
        CustomParser = OptionParsers.Seed("--seed"), DefaultValueFactory = _ => 1,
    };
    private readonly Option<bool> gradReport = new("--grad-report") { Description = "After each epoch, print every layer's mean gradient norm ‖dL/dW‖ over the epoch's steps." };
    private readonly Option<string?> target = new("--target")
    { Description = "Target column of a data file: a header name, or a 0-based index (-1 = last; default).", HelpName = "COLUMN" };
    private readonly Option<string?> task = new("--task")
    {
        Description = "classification or regression (default: inferred from the target: text, or at most 20 distinct integers, is classification); multilabel: --target a,b,... are 0/1 (or true/false) label columns, a sigmoid each.",
        HelpName = "classification|regression|multilabel", CustomParser = DataOptionParsers.Choice("--task", "classification", "regression", "multilabel"),
    };
    private readonly Option<string?> separator = new("--separator")
    { Description = "Field separator (default: detected).", HelpName = ",|;|tab|whitespace", CustomParser = DataOptionParsers.Separator("--separator") };
    private readonly Option<bool> header = new("--header") { Description = "The first line holds column names (default: detected)." };
    private readonly Option<bool> noHeader = new("--no-header") { Description = "The first line is data." };
    private readonly Option<string[]> drop = new("--drop")
    { Description = "Columns to leave out, by name or 0-based index (negative from the end), joined by ','.", HelpName = "COLUMNS", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string?> missing = ModelOptions.Missing();
    private readonly Option<string?> classWeight = new("--class-weight")
    {
        Description = "Weigh each class's rows in the training loss: balanced (rows / (classes × rows of the class), as scikit-learn) or NAME=W,... (classes not named weigh 1).",
        HelpName = "balanced|NAME=W,...",
    };
    private readonly Option<string?> sampleWeight = new("--sample-weight")
    { Description = "A column of row weights (finite numbers >= 0) for the training loss; it is not a feature.", HelpName = "COLUMN" };
    private readonly Option<double?> validation = new("--validation")
    { Description = "Fraction of the rows held out for validation and early stopping.", HelpName = "FRACTION", CustomParser = DataOptionParsers.Fraction("--validation") };
    private readonly Option<double?> testFraction = new("--test-fraction")
    { Description = "Fraction of the rows held out for the test (stratified, seeded).", HelpName = "FRACTION", CustomParser = DataOptionParsers.Fraction("--test-fraction") };
    private readonly Option<string?> testFile = new("--test") { Description = "Test on this file (same columns) instead of held-out rows.", HelpName = "FILE" };
    private readonly Option<int?> testLast = new("--test-last")
    { Description = "Test on the last N rows in file order instead of held-out rows.", HelpName = "N", CustomParser = OptionParsers.Integer("--test-last", 1) };
    private readonly Option<string?> output = new("--out") { Description = "Save the trained model here (safetensors).", HelpName = "FILE" };
    private readonly Option<string?> plot = new("--plot") { Description = "Draw the loss and accuracy (or R²) per epoch to this PNG.", HelpName = "FILE" };
    private readonly Option<string?> plotBoundary = new("--plot-boundary")
    { Description = "Draw the decision regions and the data points to this PNG (classification with 2 features).", HelpName = "FILE" };

    private readonly Option<bool> calibrate = new("--calibrate")
    { Description = "After training, fit a temperature T on the validation rows (needs --validation) so that softmax(z/T) or sigmoid(z/T) minimises their log-loss; T becomes the model's last layer (classification)." };

    private ToolboxOptionSet toolbox = null!;
    private EncodingOptionSet encoding = null!;
    private CheckpointOptionSet? checkpoints;
    private readonly RegularisationOptionSet regularisation = new();

    /// <summary>Adds the options to <paramref name="command"/>: all of them for <c>train</c>; with <paramref name="modelOnly"/> (<c>cv</c>) the
    /// data, model and training options without those choosing test rows or writing files (--test*, --out, --plot*, --grad-report, checkpoints),
    /// which read back as not given.</summary>
    public static TrainOptionSet AddTo(Command command, bool modelOnly = false)
    {
        var o = new TrainOptionSet();
        Option[] all = [o.data, o.layers, o.hidden, o.activation, o.loss, o.optimization.Optimizer, o.lr, .. o.optimization.HyperParameters, o.epochs, o.batch,
            o.patience, o.scale, o.seed, o.gradReport, o.target, o.task, o.separator, o.header, o.noHeader, o.drop, o.missing, o.classWeight, o.sampleWeight, o.validation, o.testFraction,
            o.testFile, o.testLast, o.output, o.plot, o.plotBoundary, o.calibrate];
        Option[] runOnly = [o.calibrate, o.gradReport, o.testFraction, o.testFile, o.testLast, o.output, o.plot, o.plotBoundary];
        foreach (var option in all)
            if (!modelOnly || !runOnly.Contains(option)) command.Options.Add(option);
        o.encoding = EncodingOptionSet.AddTo(command);
        o.toolbox = ToolboxOptionSet.AddTo(command);
        if (!modelOnly) o.checkpoints = CheckpointOptionSet.AddTo(command);
        foreach (var option in o.regularisation.Options) command.Options.Add(option);
        return o;
    }

    /// <summary><c>--resume</c>, which <see cref="TrainResume"/> reads first.</summary>
    public Option<string?> Resume => checkpoints!.Resume;

    public TrainArguments Read(ParseResult result)
    {
        bool header = result.GetValue(this.header), noHeader = result.GetValue(this.noHeader);
        if (header && noHeader) throw new UsageException("--header and --no-header contradict each other; give one");
        return new TrainArguments
        {
            Data = result.GetValue(data) ?? DataSource.Default,
            Layers = result.GetResult(layers) is null ? null : result.GetValue(layers),
            Hidden = result.GetResult(hidden) is null ? null : result.GetValue(hidden),
            Activation = result.GetValue(activation), Loss = result.GetValue(loss), Optimizer = result.GetValue(optimization.Optimizer),
            OptimizerSettings = optimization.Read(result),
            LearningRate = result.GetValue(lr), Epochs = result.GetValue(epochs), BatchSize = result.GetValue(batch),
            Patience = result.GetValue(patience), Scale = result.GetValue(scale), Seed = result.GetValue(seed) ?? 1, GradReport = result.GetValue(gradReport),
            Target = result.GetValue(target),
            Task = result.GetValue(task) switch { "classification" => TaskKind.Classification, "regression" => TaskKind.Regression, "multilabel" => TaskKind.Binary, _ => null },
            Separator = result.GetValue(separator), Header = header ? true : noHeader ? false : null,
            Drop = [.. (result.GetValue(drop) ?? []).SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))],
            Missing = result.GetValue(missing) is { } m ? ModelOptions.MissingOf(m) : null,
            ClassWeight = result.GetValue(classWeight), SampleWeight = result.GetValue(sampleWeight),
            Validation = result.GetValue(validation), TestFraction = result.GetValue(testFraction), TestFile = result.GetValue(testFile),
            TestLast = result.GetValue(testLast), Out = result.GetValue(output), Plot = result.GetValue(plot), PlotBoundary = result.GetValue(plotBoundary),
            Calibrate = result.GetValue(calibrate),
            Encoding = encoding.Read(result),
            Toolbox = toolbox.Read(result),
            Regularisation = regularisation.Read(result),
            Checkpointing = checkpoints is null ? new() : checkpoints.Read(result),
        };
    }
}
