using System.Diagnostics;
using System.Globalization;
using Backprop.Cli.Plots;
using Backprop.IO;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// <c>backprop train</c> on a data file or MNIST: load and split, build the network (<see cref="Network{T}.For(Backprop.Data.TabularData{T}, IReadOnlyList{int}?, Backprop.Nn.Activation?, Backprop.Nn.Loss?, Backprop.Data.Scaling, Backprop.Optim.OptimizerOptions?, ulong)"/>),
/// fit with early stopping, then report the test metrics and write the model and plots asked for.
/// </summary>
internal static class FileTrainRun
{
    public static int Execute(DataSource source, TrainArguments args, TrainExtras extras, TextWriter output)
    {
        var clock = Stopwatch.StartNew();
        var settings = FileTrainSettings.Resolve(args, extras, source);
        var data = TrainData.Load(source, extras, settings);
        settings.Check(args.Layers, data.Name, data.All.Features, data.Classes);
        if (extras.PlotBoundary is not null && (data.Classes == 0 || data.All.Features != 2))
            throw new UsageException($"--plot-boundary draws the classes of two features; {data.Name} has {data.All.Features} feature(s)" + (data.Classes == 0 ? " and a numeric target" : ""));

        var network = data.Table is { } table
            ? Network<float>.For(table, settings.Hidden, settings.Activation, settings.Loss, settings.Scaling, settings.OptimizerOptions, settings.Seed)
            : Network<float>.For(data.All, settings.Hidden, settings.Activation, settings.Loss, settings.Scaling, settings.OptimizerOptions, settings.Seed, TrainData.MnistMetadata);
        bool classification = network.Loss.IsClassification;
        var flow = args.GradReport ? new Diagnostics.GradientFlow<float>(network.Model) : null;
        var progress = TrainProgress.For(output, classification, data.Validation is not null, flow);
        progress.Header($"train {data.Name}: {data.Train.Count} train / {data.Validation?.Count ?? 0} validation / {data.Test.Count} test examples ({data.TestDescription}); "
            + settings.Describe(Architecture.Of(network.Model).Sizes, network.Loss));
        var options = new TrainOptions
        {
            Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = settings.Seed, Patience = settings.Patience,
            Callbacks = flow is null ? [progress] : [flow, progress],
        };
        FitResult fit = new([], null, false);
        progress.Run(() => fit = network.Fit(data.Train, options, data.Validation));

        var history = fit.History;
        if (fit.RestoredEpoch is { } best)
        {
            double bestLoss = history.First(h => h.Epoch == best).Validation!.Loss;
            progress.Line(fit.StoppedEarly
                ? Invariant($"stopped early after epoch {history[^1].Epoch}: no better validation loss for {settings.Patience} epochs; restored epoch {best} (validation loss {bestLoss:F4})")
                : Invariant($"restored epoch {best}, the best validation loss ({bestLoss:F4})"));
        }
        WriteFiles(extras, network, data, history, fit.RestoredEpoch, progress);
        var test = network.Evaluate(data.Test);
        progress.Line(classification
            ? Invariant($"test  acc {test.Accuracy:F4}  loss {test.Loss:F4}  ({data.Test.Count} examples: {data.TestDescription})  elapsed {clock.Elapsed.TotalSeconds:F2} s")
            : Invariant($"test  r2 {test.R2:F4}  mse {test.Mse:G5}  mae {test.Mae:G5}  ({data.Test.Count} examples: {data.TestDescription})  elapsed {clock.Elapsed.TotalSeconds:F2} s"));
        return BackpropCli.Success;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void WriteFiles(TrainExtras extras, Network<float> network, TrainData data, IReadOnlyList<EpochReport> history, int? restored, TrainProgress progress)
    {
        if (extras.Out is { } model)
        {
            network.Save(model);
            progress.Line($"saved model to {model}");
        }
        if (extras.Plot is { } plot)
        {
            CurvesPlot.Save(plot, history, network.Loss.IsClassification, $"{data.Name}: layers {string.Join("-", Architecture.Of(network.Model).Sizes)}", restored);
            progress.Line($"saved training curves to {plot}");
        }
        if (extras.PlotBoundary is { } boundary)
        {
            var names = data.Table?.FeatureNames ?? ["x", "y"];
            BoundaryPlot.Save(boundary, data.All, network.PredictClasses, network.ClassNames ?? [.. Enumerable.Range(0, data.Classes).Select(c => c.ToString(CultureInfo.InvariantCulture))],
                names, $"{data.Name}: decision regions");
            progress.Line($"saved decision regions to {boundary}");
        }
    }
}
