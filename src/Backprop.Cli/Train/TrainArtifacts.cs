using System.Globalization;
using Backprop.Cli.Plots;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>The files a run writes when asked: the model (--out), the training curves (--plot), the decision regions (--plot-boundary); a line for each.</summary>
internal static class TrainArtifacts
{
    public static void Write(TrainArguments args, Network<float> network, TrainData data, FitResult fit, TrainProgress progress)
    {
        if (args.Out is { } model)
        {
            network.Save(model);
            progress.Line($"saved model to {model}");
        }
        if (args.Plot is { } plot)
        {
            CurvesPlot.Save(plot, fit.History, network.Loss.IsClassification, $"{data.Name}: layers {string.Join("-", Nn.Mlp.Sizes(network.Model))}", fit.RestoredEpoch);
            progress.Line($"saved training curves to {plot}");
        }
        if (args.PlotBoundary is { } boundary)
        {
            var classNames = network.ClassNames ?? [.. Enumerable.Range(0, data.Classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
            BoundaryPlot.Save(boundary, data.All, network.PredictClasses, classNames, network.Metadata.FeatureNames ?? ["x", "y"], $"{data.Name}: decision regions");
            progress.Line($"saved decision regions to {boundary}");
        }
    }
}
