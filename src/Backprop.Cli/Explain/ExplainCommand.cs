using System.CommandLine;
using Backprop.Diagnostics;

namespace Backprop.Cli.Explain;

/// <summary><c>backprop explain</c>: one training step of a small network, every value shown beside the formula that made it.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var spec = new Option<string?>("--spec")
        {
            Description = "A small MLP, batch and loss as JSON: {\"layers\": [{\"w\": [[..]], \"b\": [..], \"act\": \"sigmoid\"}, ..], \"loss\": \"mse_half\", " +
                "\"x\": [[..]], \"y\": [[..]], \"lr\": 0.5}. Default: the tutorials' worked example (2 features, sigmoid hidden layer of 3, softmax over 2 classes).",
            HelpName = "FILE.json",
        };
        var format = new Option<OutputFormat?>("--format")
        {
            Description = "text for the terminal, markdown (with LaTeX) for documents, json for programs.", HelpName = "text|markdown|json",
            CustomParser = OptionParsers.Format("--format"),
        };
        var paths = new Option<string?>("--paths")
        {
            Description = "Instead of the whole step, list every chain-rule path from this parameter to the loss, e.g. layer1.w[0,1] or layer2.b[0].",
            HelpName = "PARAMETER",
        };
        var command = new Command("explain", "Show one training step (forward pass, loss, backward pass, update) with every number and the formula behind it; "
            + "every gradient is the engine's autodiff, checked against the hand-derived formulas.");
        command.Options.Add(spec);
        command.Options.Add(format);
        command.Options.Add(paths);
        command.SetAction(result => Execute(result.GetValue(spec), result.GetValue(format) ?? OutputFormat.Text, result.GetValue(paths),
            result.InvocationConfiguration.Output));
        return command;
    }

    public static int Execute(string? specPath, OutputFormat format, string? parameter, TextWriter output)
    {
        var spec = specPath is null ? NetworkSpec.TutorialExample() : NetworkSpec.Load(specPath);
        string source = specPath is null ? "the tutorial example" : Path.GetFileName(specPath);
        var step = StepExplanation.Run(spec);
        if (parameter is not null)
        {
            PathsRenderer.Write(ChainPaths.Find(step, parameter), format, output);
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
