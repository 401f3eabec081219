using System.Globalization;
using Backprop.Cli.Plots;
using Backprop.IO;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// The files a run writes when asked: the model (--out), the training curves (--plot), the decision regions (--plot-boundary) and
/// the epoch log (--log-csv), all or none: each goes to a temporary file next to it, and all are renamed into place together once
/// every one is written (<see cref="OutputTransaction"/>); a line for each.
/// </summary>
internal static class TrainArtifacts
{
    /// <summary>
    /// Before any work: the outputs must not name the files read or each other, and their temporary files are created now in the
    /// run's transaction, so an unwritable place fails before training rather than after it.
    /// </summary>
    public static void Prepare(TrainArguments args)
    {
        (string Option, string? Path)[] outputs = [("--out", args.Out), ("--plot", args.Plot), ("--plot-boundary", args.PlotBoundary), ("--log-csv", args.Toolbox.LogCsv)];
        OutputPaths.Check([("--data", args.Data.File), ("--test", args.TestFile)], outputs);
        if (args.Checkpointing.Directory is { } checkpoints && File.Exists(checkpoints))
            throw new UsageException($"--checkpoint-dir {checkpoints}: is a file; give a directory (it is made when missing)");
        if (OutputTransaction.Current is not { } run) return;
        foreach (var (_, path) in outputs)
            if (path is not null) run.Reserve(path);
    }

    /// <summary>Where the epoch log is written while training: its temporary file in the run's transaction, committed with the rest.</summary>
    public static string LogFile(string path) => OutputTransaction.Current?.Reserve(path, filled: true) ?? path;

    public static void Write(TrainArguments args, Network<float> network, TrainData data, FitResult fit, TrainProgress progress)
    {
        var saved = new List<string>();
        if (args.Out is { } model)
        {
            network.Save(model);
            saved.Add($"saved model to {model}");
        }
        if (args.Plot is { } plot)
        {
            CurvesPlot.Save(plot, fit.History, network.Loss.IsClassification, $"{data.Name}: layers {string.Join("-", Nn.Mlp.Sizes(network.Model))}", fit.RestoredEpoch);
            saved.Add($"saved training curves to {plot}");
        }
        if (args.PlotBoundary is { } boundary)
        {
            var classNames = network.ClassNames ?? [.. Enumerable.Range(0, data.Classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
            BoundaryPlot.Save(boundary, data.All, network.PredictClasses, classNames, network.Metadata.FeatureNames ?? ["x1", "x2"], $"{data.Name}: decision regions");
            saved.Add($"saved decision regions to {boundary}");
        }
        OutputTransaction.Current?.Commit();
        foreach (string line in saved) progress.Line(line);
    }
}
