using System.CommandLine;
using Backprop.Diagnostics;

namespace Backprop.Cli.Explain;

/// <summary><c>backprop explain</c>: one training step of a small network, every value shown beside the formula that made it.</summary>
internal static class ExplainCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "explain";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Show one training step (forward pass, loss, backward pass, update) with every number and the formula behind it; "
        + "every gradient is the engine's autodiff, checked against the hand-derived formulas. With --model, --data and --row: the forward and "
        + "backward pass of one row of a file through a trained model (no update is applied).";

    public static Command Create()
    {
        var spec = new Option<string?>("--spec")
        {
            Description = "A small MLP, batch and loss as JSON: {\"layers\": [{\"w\": [[..]], \"b\": [..], \"act\": \"sigmoid\"}, ..], \"loss\": \"mse_half\", " +
                "\"x\": [[..]], \"y\": [[..]], \"lr\": 0.5}; a layer may instead name any registered module: {\"type\": \"layer_norm\", \"config\": {..}, \"state\": {\"weight\": [..], ..}, \"children\": [..]}. " +
                "Default: the tutorials' worked example (2 features, sigmoid hidden layer of 3, softmax over 2 classes).",
            HelpName = "FILE.json",
        };
        var format = new Option<OutputFormat?>("--format")
        {
            Description = "text for the terminal, markdown (with LaTeX) for documents, json for programs.", HelpName = "text|markdown|json",
            CustomParser = OptionParsers.Format("--format"),
        };
        var paths = new Option<string?>("--paths")
        {
            Description = "Instead of the whole step, list every chain-rule path from this parameter to the loss, e.g. layer1.w[0,1] or layer2.b[0] (through modules: any parameter by the name explain prints, e.g. layer3.block.layer2.weight[0]).",
            HelpName = "PARAMETER",
        };
        var row = new RowOptions();
        var command = new Command(Name, Summary);
        foreach (Option option in new Option[] { spec, format, paths, row.Model, row.Data, row.Row, row.TargetValue, row.Missing, row.Full }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var fmt = result.GetValue(format) ?? OutputFormat.Text;
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(row.Model) is not { } model) return Execute(result.GetValue(spec), fmt, result.GetValue(paths), output);
            if (result.GetValue(spec) is not null) throw new UsageException("--spec and --model exclude each other: explain a spec's training step or a model's row");
            return ExplainRow.Execute(model, result.GetValue(row.Data), result.GetValue(row.Row), result.GetValue(row.TargetValue),
                result.GetValue(row.Missing) is { } m ? ModelOptions.MissingOf(m) : null, result.GetValue(paths), fmt, result.GetValue(row.Full), output);
        });
        return command;
    }

    // The options of explain --model: which model, which file, which row, and how much to print.
    private sealed class RowOptions
    {
        public Option<string?> Model { get; } = new("--model") { Description = "A model file saved by 'backprop train --out': explain one row through it (needs --data and --row).", HelpName = "FILE" };

        public Option<DataSource?> Data { get; } = new("--data")
        {
            Description = "With --model: a file or built-in data set with the model's columns (the target column may be there or not), or mnist:DIR.",
            HelpName = "FILE|NAME|mnist:DIR", CustomParser = DataOptionParsers.Data("--data"),
        };

        public Option<int?> Row { get; } = new("--row")
        {
            Description = "With --model: the data row to explain, counted from 1 (the header is not a row; rows dropped by --missing drop are not counted).",
            HelpName = "N", CustomParser = OptionParsers.Integer("--row", 1),
        };

        public Option<string?> TargetValue { get; } = new("--target-value")
        {
            Description = "With --model: the row's target when the file has none (or to try another): a class name or index, or a value in the target's units.",
            HelpName = "VALUE",
        };

        public Option<string?> Missing { get; } = ModelOptions.Missing();

        public Option<bool> Full { get; } = new("--full")
        {
            Description = "With --model: print every entry of every matrix (by default vectors and matrices longer than 8 are elided and gradients of more than 64 entries show their 5 largest).",
        };
    }

    public static int Execute(string? specPath, OutputFormat format, string? parameter, TextWriter output)
    {
        var spec = specPath is null ? NetworkSpec.TutorialExample() : NetworkSpec.Load(specPath);
        string source = specPath is null ? "the tutorial example" : Path.GetFileName(specPath);
        var step = StepExplanation.Run(spec);
        if (parameter is not null)
        {
            PathsRenderer.Write(ChainPaths.Find(step, parameter), format, output);
            if (format == OutputFormat.Text && spec.Optimizer is not null) UpdateRenderer.WriteText(step, parameter, output);
            return BackpropCli.Success;
        }
        switch (format)
        {
            case OutputFormat.Json: ExplainJsonRenderer.Write(step, output); break;
            case OutputFormat.Markdown: ExplainMarkdownRenderer.Write(WalkthroughBuilder.Build(step, source), output); break;
            default: ExplainTextRenderer.Write(WalkthroughBuilder.Build(step, source), output, TerminalStyle.For(output)); break;
        }
        return BackpropCli.Success;
    }
}
