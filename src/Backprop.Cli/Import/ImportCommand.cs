using System.CommandLine;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Text;

namespace Backprop.Cli.Import;

/// <summary><c>backprop import</c>: a PyTorch state dict (safetensors) as a Backprop model file, given what the file does not say (docs/interop.md).</summary>
internal static class ImportCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "import";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Turn a PyTorch state_dict saved with safetensors into a Backprop model file for predict, evaluate, info and export.";

    public static Command Create()
    {
        var torch = new Option<string>("--torch")
        {
            Description = "A PyTorch nn.Sequential's state_dict saved with safetensors (keys 0.weight, 0.bias, 2.weight, ...).", HelpName = "FILE", Required = true,
        };
        var layers = new Option<int[]?>("--layers")
        {
            Description = "The Linear layers' sizes joined by '-', inputs first: 4-64-3 for Linear(4, 64), activation, Linear(64, 3).", HelpName = "SIZES",
            Required = true, CustomParser = OptionParsers.Layers("--layers"), Arity = ArgumentArity.ExactlyOne,
        };
        var activation = new Option<Activation?>("--activation")
        {
            Description = "The activation after every hidden Linear (default relu); the last Linear has none.", HelpName = OptionParsers.HiddenActivationNames("|"),
            CustomParser = OptionParsers.HiddenActivation("--activation"),
        };
        var batchNorm = new Option<bool>("--batch-norm") { Description = "Every hidden Linear is followed by BatchNorm1d (then the activation)." };
        var task = new Option<string?>("--task")
        {
            Description = "What the outputs are: classification (one logit per class), binary (one logit, BCEWithLogitsLoss) or regression; default classification for several outputs.",
            HelpName = "classification|binary|regression", CustomParser = DataOptionParsers.Choice("--task", "classification", "binary", "regression"),
        };
        var classes = new Option<string?>("--classes") { Description = "Class names by output index, joined by ',' (default 0, 1, ...).", HelpName = "NAMES" };
        var features = new Option<string?>("--features")
        {
            Description = "The inputs' names joined by ',': the model then reads these columns of a data file with a header. Without it, predict and evaluate read a comma-separated file without a header by position: one column per input, in order (predict), then the target (evaluate).", HelpName = "NAMES",
        };
        var target = new Option<string?>("--target") { Description = "The target column's name, with --features (default target).", HelpName = "NAME" };
        var output = new Option<string>("--out") { Description = "Write the Backprop model file here.", HelpName = "FILE", Required = true };
        var command = new Command(Name, Summary);
        foreach (Option option in new Option[] { torch, layers, activation, batchNorm, task, classes, features, target, output }) command.Options.Add(option);
        command.SetAction(result => Execute(result.GetRequiredValue(torch), result.GetRequiredValue(output), new TorchImportOptions
        {
            Sizes = result.GetValue(layers)!,
            Hidden = result.GetValue(activation) ?? Activation.Relu,
            BatchNorm = result.GetValue(batchNorm),
            Task = result.GetValue(task) switch { "classification" => TaskKind.Classification, "binary" => TaskKind.Binary, "regression" => TaskKind.Regression, _ => null },
            ClassNames = Names(result.GetValue(classes)),
            FeatureNames = Names(result.GetValue(features)),
            TargetName = result.GetValue(target) ?? "target",
        }, result.InvocationConfiguration.Output));
        return command;
    }

    private static IReadOnlyList<string>? Names(string? text) => text?.Split(',', StringSplitOptions.TrimEntries);

    private static int Execute(string torchPath, string outPath, TorchImportOptions options, TextWriter stdout)
    {
        OutputPaths.Check([("--torch", torchPath)], ("--out", outPath));
        var metadata = TorchImport.Convert(torchPath, options, outPath);
        stdout.WriteLine($"wrote {Inert.Text(outPath)}: {metadata.Architecture}, {(metadata.ClassNames is { } c ? $"classes {string.Join(", ", Inert.Texts(c))}" : "regression")}"
            + $"{(metadata.FeatureNames is null ? "; no column layout (predict and evaluate read a headerless comma-separated file of one column per input, then the target; give --features to read columns by name)" : "")}; no scaler: the model takes features as the PyTorch network did");
        return BackpropCli.Success;
    }
}
