using System.Diagnostics;
using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Training;

namespace Backprop.Cli;

/// <summary>One run of <c>backprop train</c>: generate and split the data (70/15/15), build the MLP, fit, report on the test part.</summary>
internal static class TrainRun
{
    public const double HeldOutFraction = 0.3;

    public static int Execute(TrainArguments args, TextWriter output, GeneratedArtifacts? artifacts = null)
    {
        var clock = Stopwatch.StartNew();
        ulong seed = args.Seed;
        var all = DataSets.Generate(args.Data, seed);
        var settings = TrainSettings.Resolve(args, all.Features, all.Classes);
        var (train, heldOut) = all.Split(HeldOutFraction, unchecked(seed + 1));
        var (validation, test) = heldOut.Split(0.5, unchecked(seed + 2));

        var model = Mlp.Create<float>(settings.Layers, settings.Hidden, seed: unchecked(seed + 3));
        var optimizer = new Sgd<float>(model.Parameters(), settings.LearningRate);
        var flow = args.GradReport ? new GradientFlow<float>(model) : null;
        var render = new TrainOutput(output, settings, flow);
        render.Settings(train.Count, validation.Count, test.Count);
        var options = new TrainOptions
        {
            Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = unchecked(seed + 4),
            Callbacks = flow is null ? [render] : [flow, render],
        };
        var fit = Trainer.Fit(model, settings.Loss, optimizer, train, options, validation);
        artifacts?.Write(model, settings, all, fit.History, output);
        render.Test(Trainer.Evaluate(model, settings.Loss, test), clock.Elapsed);
        return 0;
    }
}
