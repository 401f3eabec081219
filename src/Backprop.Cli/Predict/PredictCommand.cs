using System.CommandLine;
using Backprop.Data;
using Backprop.IO;
using Backprop.Training;

using Backprop.Cli.Common;

namespace Backprop.Cli.Predict;

/// <summary><c>backprop predict</c>: a saved model's answer for every row of a file, as CSV on stdout or in a file.</summary>
internal static class PredictCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "predict";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Predict every row of a data file with a saved model: CSV with each row's line, the predicted class and every class's probability, or the predicted value.";

    public static Command Create()
    {
        var model = ModelOptions.Model();
        var data = ModelOptions.Data("Rows to predict: a file or built-in data set with the model's feature columns (the target column may be there or not), or mnist:DIR.");
        var missing = ModelOptions.Missing();
        var output = new Option<string?>("--out") { Description = "Write the predictions to this CSV file instead of stdout.", HelpName = "FILE" };
        var command = new Command(Name, Summary);
        foreach (Option option in new Option[] { model, data, missing, output }) command.Options.Add(option);
        command.SetAction(result => Execute(result.GetRequiredValue(model), result.GetRequiredValue(data)!, result.GetValue(missing) is { } m ? ModelOptions.MissingOf(m) : null,
            result.GetValue(output), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Execute(string modelPath, DataSource source, MissingValues? missing, string? outPath, TextWriter stdout, TextWriter stderr)
    {
        OutputPaths.Check([("--model", modelPath), ("--data", source.File)], ("--out", outPath));
        var network = Network<float>.Load(modelPath);
        var unseen = new Dictionary<string, int>(StringComparer.Ordinal);
        var (x, lines) = ModelInput.Features(network, source, modelPath, missing, unseen);
        if (ModelInput.UnseenNote(unseen) is { } note) stderr.WriteLine(note);
        var predictions = network.Predict(x);
        FiniteOutputs.Check(predictions, lines, modelPath, source.Name);
        void Write(TextWriter writer) => PredictionCsv.Write(writer, network, predictions, lines);
        if (outPath is null)
        {
            Write(stdout);
            return BackpropCli.Success;
        }
        AtomicFile.Write(outPath, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
            Write(writer);
        });
        return BackpropCli.Success;
    }
}
