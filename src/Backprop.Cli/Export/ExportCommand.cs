using System.CommandLine;
using Backprop.Onnx;

namespace Backprop.Cli.Export;

/// <summary><c>backprop export</c>: a saved model as an ONNX model for ONNX Runtime (docs/interop.md).</summary>
internal static class ExportCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "export";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Export a saved model as ONNX: raw features in, class probabilities or predictions in target units out, the scaler inside.";

    public static Command Create()
    {
        var model = ModelOptions.Model();
        var onnx = new Option<string>("--onnx") { Description = "Write the model as ONNX (opset 17) to this file.", HelpName = "FILE", Required = true };
        var command = new Command(Name, Summary);
        command.Options.Add(model);
        command.Options.Add(onnx);
        command.SetAction(result => Execute(result.GetRequiredValue(model), result.GetRequiredValue(onnx), result.InvocationConfiguration.Output));
        return command;
    }

    private static int Execute(string modelPath, string onnxPath, TextWriter stdout)
    {
        OutputPaths.Check([("--model", modelPath)], ("--onnx", onnxPath));
        OnnxExport.Save(modelPath, onnxPath);
        stdout.WriteLine($"wrote {onnxPath} (ONNX opset {OnnxExport.Opset}, {Inputs(modelPath)})");
        return BackpropCli.Success;
    }

    // From the file's header only, not its values again: "input 'features' [N, features]", or, through column encoders, one input per column: "inputs 'Island' string [N, 1], ...".
    private static string Inputs(string modelPath)
    {
        if (IO.ModelFile.ReadMetadata(modelPath).Schema?.Encoders is not { } states) return $"input '{OnnxExport.Input}' [N, features]";
        var encoding = Preprocessing.ColumnEncoding.Restore(states);
        return "inputs " + string.Join(", ", encoding.Encoders.Select((e, j) =>
            $"'{Text.Inert.Text(encoding.Columns[j])}' {(e.OnnxInput.Strings ? "string" : "float")} [N, {e.OnnxInput.Width}]"));
    }
}
