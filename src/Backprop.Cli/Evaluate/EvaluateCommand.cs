using Backprop.Text;
using Backprop.Cli.Common;
using System.CommandLine;
using System.Globalization;
using Backprop.Cli.Plots;
using Backprop.Data;
using Backprop.Training;

namespace Backprop.Cli.Evaluate;

/// <summary><c>backprop evaluate</c>: a saved model's loss, accuracy, macro-F1 and balanced accuracy, per-class precision/recall/F1 and confusion matrix (classification), or MSE, MAE and R² (regression), on a data file.</summary>
internal static class EvaluateCommand
{
    /// <summary>The command's name on the command line.</summary>
    public const string Name = "evaluate";

    /// <summary>What it does, as help shows it.</summary>
    public const string Summary = "Measure a saved model on a data file: loss and accuracy, per-class precision, recall and F1 and the confusion matrix; or MSE, MAE and R² for regression.";

    public static Command Create()
    {
        var model = ModelOptions.Model();
        var data = ModelOptions.Data("Data to evaluate on: a file or built-in data set with the model's columns (target included), or mnist:DIR.");
        var missing = ModelOptions.Missing();
        var plot = new Option<string?>("--plot") { Description = "Draw the confusion matrix to this PNG (classification).", HelpName = "FILE" };
        var reliability = new Option<string?>("--plot-reliability") { Description = "Draw the reliability diagram (accuracy against confidence in 15 equal-width bins) to this PNG (classification).", HelpName = "FILE" };
        var command = new Command(Name, Summary);
        foreach (Option option in new Option[] { model, data, missing, plot, reliability }) command.Options.Add(option);
        command.SetAction(result => Execute(result.GetRequiredValue(model), result.GetRequiredValue(data)!, result.GetValue(missing) is { } m ? ModelOptions.MissingOf(m) : null,
            result.GetValue(plot), result.GetValue(reliability), result.InvocationConfiguration.Output));
        return command;
    }

    private static int Execute(string modelPath, DataSource source, MissingValues? missing, string? plot, string? reliability, TextWriter output)
    {
        OutputPaths.Check([("--model", modelPath), ("--data", source.File)], ("--plot", plot), ("--plot-reliability", reliability));
        var network = Network<float>.Load(modelPath);
        var unseen = new Dictionary<string, int>(StringComparer.Ordinal);
        var (data, lines) = ModelInput.LabelledLines(network, source, modelPath, missing, unseen);
        FiniteOutputs.Check(network.Predict(data.X), lines, modelPath, source.Name);
        if (plot is not null && !network.Loss.IsClassification)
            throw new UsageException($"--plot draws a confusion matrix; {Path.GetFileName(modelPath)} does regression");
        if (reliability is not null && !network.Loss.IsClassification)
            throw new UsageException($"--plot-reliability draws class probabilities against accuracy; {Path.GetFileName(modelPath)} does regression");
        var metrics = network.Evaluate(data);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine($"evaluate {Inert.Text(Path.GetFileName(modelPath))} on {Inert.Text(source.Name)}: {data.Count} examples");
        if (ModelInput.UnseenNote(unseen) is { } note) output.WriteLine(note);
        if (!network.Loss.IsClassification)
        {
            output.WriteLine(string.Create(c, $"loss {metrics.Loss:F4}  mse {metrics.Mse:G5}  mae {metrics.Mae:G5}  r2 {Common.Numbers.R2(metrics.R2, "data's")}{Common.Numbers.R2PerTarget(metrics, network.Metadata.Schema?.TargetNames)}"));
            return BackpropCli.Success;
        }
        if (metrics.F1PerLabel is { } f1) // multilabel: exact-match accuracy, macro-F1 and each label's F1
        {
            output.WriteLine(string.Create(c, $"loss {metrics.Loss:F4}  acc {metrics.Accuracy:F4}  macro_f1 {metrics.MacroF1:F4}") + Common.Numbers.PerLabel(f1, network.Metadata.Schema?.TargetNames ?? []));
            return BackpropCli.Success;
        }
        output.WriteLine(string.Create(c, $"loss {metrics.Loss:F4}  acc {metrics.Accuracy:F4}  macro_f1 {metrics.MacroF1:F4}  balanced_acc {metrics.BalancedAccuracy:F4}"));
        int[] actual = [.. data.Y.ToArray().Select(v => (int)v)];
        var classNames = network.ClassNames is { } named ? Inert.Texts(named) : [.. Enumerable.Range(0, data.Classes).Select(i => i.ToString(c))];
        var report = new ClassificationReport(actual, network.PredictClasses(data.X), classNames.Count);
        output.Write(ClassificationReportText.Format(report, classNames));
        var calibration = Calibration.Reliability(network.Predict(data.X), data.Y);
        output.WriteLine(string.Create(c, $"expected calibration error {calibration.ExpectedCalibrationError:F4} (15 equal-width confidence bins)"));
        if (plot is not null)
        {
            ConfusionPlot.Save(plot, report, classNames, $"{Path.GetFileName(modelPath)} on {source.Name}: accuracy {metrics.Accuracy:F3}");
            output.WriteLine($"saved confusion matrix to {plot}");
        }
        if (reliability is not null)
        {
            ReliabilityPlot.Save(reliability, calibration, $"{Path.GetFileName(modelPath)} on {source.Name}");
            output.WriteLine($"saved reliability diagram to {reliability}");
        }
        return BackpropCli.Success;
    }
}
