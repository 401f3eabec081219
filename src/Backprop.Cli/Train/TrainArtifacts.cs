using System.Globalization;
using Backprop.Cli.Plots;
using Backprop.Data;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>The files a run on a generated set writes when asked: the model (--out), the training curves (--plot), the decision regions (--plot-boundary).</summary>
internal sealed record GeneratedArtifacts(string? Out, string? Plot, string? PlotBoundary)
{
    /// <summary>Full layer sizes for <c>--hidden</c> on a generated set: its features, the hidden sizes, its outputs.</summary>
    public static int[] LayersFor(TrainArguments args, int[] hidden)
    {
        var data = DataSets.Generate(args.Data, args.Seed);
        var loss = args.Loss ?? DataSets.Defaults(args.Data).Loss;
        int outputs = data.Classes == 0 || loss is BinaryCrossEntropy ? 1 : data.Classes;
        return [data.Features, .. hidden, outputs];
    }

    /// <summary>Writes the asked-for files and prints a line for each.</summary>
    public void Write(Sequential<float> model, TrainSettings settings, Dataset<float> all, IReadOnlyList<EpochReport> history, TextWriter output)
    {
        string name = DataSets.Name(settings.Data);
        string[] classes = [.. Enumerable.Range(0, all.Classes).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        if (Out is not null)
        {
            var c = CultureInfo.InvariantCulture;
            var metadata = new ModelMetadata
            {
                Task = all.Classes > 0 ? TaskKind.Classification : TaskKind.Regression,
                ClassNames = all.Classes > 0 ? classes : null,
                FeatureNames = all.Features == 2 ? ["x", "y"] : ["x"], TargetName = all.Classes > 0 ? "class" : "y",
                Training = new Dictionary<string, string>
                {
                    ["data"] = name, ["optimizer"] = "sgd", ["learning_rate"] = settings.LearningRate.ToString(c), ["epochs"] = settings.Epochs.ToString(c),
                    ["batch_size"] = settings.BatchSize.ToString(c), ["seed"] = settings.Seed.ToString(c), ["scale"] = "none",
                },
            };
            new Network<float>(model, settings.Loss, null, metadata, Backprop.Data.Scaling.None).Save(Out);
            output.WriteLine($"saved model to {Out}");
        }
        if (Plot is not null)
        {
            CurvesPlot.Save(Plot, history, settings.IsClassification, $"{name}: layers {string.Join("-", settings.Layers)}", null);
            output.WriteLine($"saved training curves to {Plot}");
        }
        if (PlotBoundary is not null)
        {
            BoundaryPlot.Save(PlotBoundary, all, x => Metrics.Classes(Trainer.Predict(model, settings.Loss, x), settings.Layers[^1]), classes, ["x", "y"],
                $"{name}: decision regions");
            output.WriteLine($"saved decision regions to {PlotBoundary}");
        }
    }
}
