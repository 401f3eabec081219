using Backprop.Text;
using Backprop.Cli.Common;
using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Plots;
using Backprop.Data;
using Backprop.Training;

namespace Backprop.Cli.Evaluate;

/// <summary><c>backprop evaluate</c>: a saved model's loss and accuracy, per-class precision/recall/F1 and confusion matrix (classification), or MSE, MAE and R² (regression), on a data file.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = ModelOptions.Model();
        var data = ModelOptions.Data("Data to evaluate on: a file or built-in data set with the model's columns (target included), or mnist:DIR.");
        var missing = ModelOptions.Missing();
        var plot = new Option<string?>("--plot") { Description = "Draw the confusion matrix to this PNG (classification).", HelpName = "FILE" };
        var command = new Command("evaluate", "Measure a saved model on a data file: loss and accuracy, per-class precision, recall and F1 and the confusion matrix; or MSE, MAE and R² for regression.");
        foreach (Option option in new Option[] { model, data, missing, plot }) command.Options.Add(option);
        command.SetAction(result => Execute(result.GetRequiredValue(model), result.GetRequiredValue(data)!, result.GetValue(missing) is { } m ? ModelOptions.MissingOf(m) : null,
            result.GetValue(plot), result.InvocationConfiguration.Output));
        return command;
    }

    private static int Execute(string modelPath, DataSource source, MissingValues? missing, string? plot, TextWriter output)
    {
        OutputPaths.Check([("--model", modelPath), ("--data", source.File)], ("--plot", plot));
        var network = Network<float>.Load(modelPath);
        var (data, lines) = ModelInput.LabelledLines(network, source, modelPath, missing);
        FiniteOutputs.Check(network.Predict(data.X), lines, modelPath, source.Name);
        if (plot is not null && !network.Loss.IsClassification)
            throw new UsageException($"--plot draws a confusion matrix; {Path.GetFileName(modelPath)} does regression");
        var metrics = network.Evaluate(data);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"evaluate {Path.GetFileName(modelPath)} on {source.Name}: {data.Count} examples");
        if (!network.Loss.IsClassification)
        {
            output.WriteLine(string.Create(c, $"loss {metrics.Loss:F4}  mse {metrics.Mse:G5}  mae {metrics.Mae:G5}  r2 {Common.Numbers.R2(metrics.R2, "data's")}"));
            return BackpropCli.Success;
        }
        output.WriteLine(string.Create(c, $"loss {metrics.Loss:F4}  acc {metrics.Accuracy:F4}"));
        int[] actual = [.. data.Y.ToArray().Select(v => (int)v)];
        var classNames = network.ClassNames is { } named ? Inert.Texts(named) : [.. Enumerable.Range(0, data.Classes).Select(i => i.ToString(c))];
        var report = new ClassificationReport(actual, network.PredictClasses(data.X), classNames.Count);
        output.Write(ClassificationReportText.Format(report, classNames));
        if (plot is not null)
        {
            ConfusionPlot.Save(plot, report, classNames, $"{Path.GetFileName(modelPath)} on {source.Name}: accuracy {metrics.Accuracy:F3}");
            output.WriteLine($"saved confusion matrix to {plot}");
        }
        return BackpropCli.Success;
    }
}
