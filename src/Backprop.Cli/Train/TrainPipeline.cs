using System.Diagnostics;
using System.Globalization;
using Backprop.Cli.Common;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// <c>backprop train</c> on any data: load and split (<see cref="TrainData"/>), build the network
/// (<see cref="Network{T}.For(Backprop.Data.Dataset{T}, IReadOnlyList{int}?, Backprop.Nn.Activation?, Backprop.Nn.Loss?, Backprop.Data.Scaling, Backprop.Optim.OptimizerOptions?, ulong, Backprop.IO.ModelMetadata?, Backprop.Nn.Initializer)"/>),
/// fit with the progress, gradient report, early stopping, schedule and CSV log callbacks (<see cref="TrainCallbacks"/>), then report the test metrics and write the files asked for.
/// </summary>
internal static class TrainPipeline
{
    public static int Execute(TrainArguments args, TextWriter output)
    {
        TrainArtifacts.Prepare(args);
        var clock = Stopwatch.StartNew();
        var settings = TrainSettings.Resolve(args);
        var data = TrainData.Load(args, settings);
        var loss = settings.LossFor(data);
        if (args.PlotBoundary is not null && (data.Classes == 0 || data.All.Features != 2))
            throw new UsageException($"--plot-boundary draws the classes of two features; {data.Name} has {data.All.Features} feature(s)" + (data.Classes == 0 ? " and a numeric target" : ""));
        var init = settings.Init;

        var reg = args.Regularisation;
        bool fullBatch = settings.OptimizerOptions.Create<float>([]).RequiresClosure;
        var toolbox = TrainCallbacks.For(args.Toolbox, settings, data, loss.IsClassification, dropLast: reg.BatchNorm, fullBatch: fullBatch);
        reg.Check(settings.Hidden.Length, fullBatch ? null : settings.BatchSize);
        var network = data.Table is { } table
            ? Network<float>.For(table, settings.Hidden, settings.Activation, loss, settings.Scaling, settings.OptimizerOptions, settings.Seed, init,
                reg.Dropout, norm: reg.Norm, residual: reg.Residual)
            : Network<float>.For(data.All, settings.Hidden, settings.Activation, loss, settings.Scaling, settings.OptimizerOptions, settings.Seed, data.Metadata,
                init, reg.Dropout, norm: reg.Norm, residual: reg.Residual);
        bool classification = loss.IsClassification;
        if (args.Calibrate && !classification) throw new UsageException($"--calibrate fits a temperature to class probabilities; {data.Name} has a numeric target (regression)");
        if (args.Calibrate && data.Validation is null) throw new UsageException("--calibrate fits the temperature on the validation rows; give --validation (e.g. 0.2)");
        var flow = args.GradReport ? new Diagnostics.GradientFlow<float>(network.Model) : null;
        var progress = TrainProgress.For(output, classification, data.Validation is not null, flow);
        var checkpoints = RunIdentity.Needed(args.Checkpointing) // the digest hashes every row (SHA-256 loads OpenSSL): only for a run that writes or resumes checkpoints
            ? args.Checkpointing with { Identity = RunIdentity.Of(args, settings, data, Nn.Mlp.Sizes(network.Model)) }
            : args.Checkpointing;
        var changes = checkpoints.ResumeFrom is { } from ? RunIdentity.Check(from, checkpoints.Identity, checkpoints.ResumeAnyway) : []; // refused here, before training
        var options = new TrainOptions
        {
            Epochs = settings.Epochs, BatchSize = settings.BatchSize, Seed = settings.Seed,
            L1 = reg.L1, ClipNorm = reg.ClipNorm, ClipValue = reg.ClipValue, DropLast = reg.BatchNorm,
            Callbacks = [.. toolbox.Callbacks, .. flow is null ? Array.Empty<ITrainingCallback>() : [flow], progress, Signals.Watch()],
            ClassWeights = ClassWeightsOf(args, data),
            Checkpoints = checkpoints.Options(), ResumeFrom = checkpoints.ResumeFrom, OnNonFinite = checkpoints.Skip ? NonFinitePolicy.Skip : NonFinitePolicy.Stop,
        };
        try { Trainer.Check(network.Model, network.Optimizer, options); }
        catch (ArgumentException e) { throw new UsageException($"--optimizer {settings.Optimizer}: {ErrorMessages.OneLine(e)}"); }
        progress.Header(settings.Header(data, Nn.Mlp.Sizes(network.Model), loss, LayerPlan<float>.Unplanned(network.Model)) + toolbox.Description + reg.Describe());
        if (Weighting(args, data, options.ClassWeights) is { } weighting) progress.Line(weighting);
        if (checkpoints.ResumeFrom is { } resume)
        {
            foreach (var damaged in resume.Skipped) progress.Line($"passed over a damaged checkpoint: {damaged}");
            progress.Line(Invariant($"resuming from {resume.Path}: epoch {resume.Epoch}, step {resume.Step}"));
            foreach (var change in changes) progress.Line($"resuming anyway: {change}");
            if (checkpoints.OutputsNotTaken.Count > 0)
                progress.Line($"the resumed run also wrote {string.Join(", ", checkpoints.OutputsNotTaken)}; this run writes only the outputs its own command line names");
        }
        if (!classification && data.Validation is { } validation && Common.Numbers.ConstantTarget(validation))
            progress.Line("val_r2 is undefined (n/a below): the validation target is constant");
        FitResult fit = new([], null, false);
        progress.Run(() => fit = network.Fit(data.Train, options, data.Validation));
        if (fit.Interrupted) return Interrupted(args, network, fit, progress);

        if (fit.RestoredEpoch is { } best && toolbox.Stopping is { } stopping)
        {
            string watched = stopping.Monitor == MonitoredMetric.ValLoss ? "validation loss" : stopping.Monitor.Name;
            double bestValue = stopping.BestValue;
            progress.Line(fit.StoppedEarly
                ? Invariant($"stopped early after epoch {fit.History[^1].Epoch}: no better {watched} for {settings.Patience} epochs; restored epoch {best} ({watched} {bestValue:F4})")
                : Invariant($"restored epoch {best}, the best {watched} ({bestValue:F4})"));
        }
        if (args.Calibrate) network = Calibrate(network, data.Validation!, progress);
        var test = network.Evaluate(data.Test);
        TrainArtifacts.Write(args, network, data, fit, progress); // last: the files are renamed into place only once nothing else can fail
        progress.Line(data.Table?.Task == Nn.TaskKind.Binary && test.F1PerLabel is { } f1
            ? Invariant($"test  acc {test.Accuracy:F4}  macro_f1 {test.MacroF1:F4}{Common.Numbers.PerLabel(f1, data.Table.Schema.TargetNames)}  loss {test.Loss:F4}  ({data.Test.Count} examples: {data.TestDescription})  elapsed {clock.Elapsed.TotalSeconds:F2} s")
            : classification
            ? Invariant($"test  acc {test.Accuracy:F4}  macro_f1 {test.MacroF1:F4}  balanced_acc {test.BalancedAccuracy:F4}  loss {test.Loss:F4}  ({data.Test.Count} examples: {data.TestDescription})  elapsed {clock.Elapsed.TotalSeconds:F2} s")
            : Invariant($"test  r2 {Common.Numbers.R2(test.R2, "test")}{Common.Numbers.R2PerTarget(test, data.Table?.Schema.TargetNames)}  mse {test.Mse:G5}  mae {test.Mae:G5}  ({data.Test.Count} examples: {data.TestDescription})  elapsed {clock.Elapsed.TotalSeconds:F2} s"));
        return BackpropCli.Success;
    }

    // --calibrate: the temperature fitted on the validation rows and appended to the model; their log-loss and ECE before and after.
    private static Network<float> Calibrate(Network<float> network, Backprop.Data.Dataset<float> validation, TrainProgress progress)
    {
        var (calibrated, temperature, before, after) = Calibration.Calibrate(network, validation);
        double eceBefore = Calibration.Reliability(network.Predict(validation.X), validation.Y).ExpectedCalibrationError;
        double eceAfter = Calibration.Reliability(calibrated.Predict(validation.X), validation.Y).ExpectedCalibrationError;
        progress.Line(Invariant($"calibrated: temperature {temperature:G4} fitted on the {validation.Count} validation rows (their loss {before:F4} -> {after:F4}, ECE {eceBefore:F4} -> {eceAfter:F4}, 15 bins)"));
        return calibrated;
    }

    // After Ctrl+C, SIGTERM or SIGHUP: the checkpoint written (or, with only --out, the model), and how to go on; exit 130, 143 or 129.
    private static int Interrupted(TrainArguments args, Network<float> network, FitResult fit, TrainProgress progress)
    {
        var (epoch, step) = fit.Position;
        string at = Invariant($"{Signals.Name} at epoch {epoch}, step {step}");
        if (fit.LastCheckpoint is { } written)
            progress.Line($"interrupted by {at}: checkpoint saved to {written}; resume with: backprop train --resume {args.Checkpointing.Directory}");
        else if (args.Out is { } model)
        {
            network.Save(model);
            progress.Line($"interrupted by {at}: model saved to {model} (give --checkpoint-dir to be able to resume)");
        }
        else progress.Line($"interrupted by {at}: nothing saved (give --checkpoint-dir to be able to resume)");
        Backprop.IO.OutputTransaction.Current?.Commit(); // the model and the epoch log so far; the plots, never drawn, leave their files as they were
        return Signals.ExitCode;
    }

    // --class-weight read against the training rows' classes (balanced counts them); a name that is no class is a usage error.
    private static double[]? ClassWeightsOf(TrainArguments args, TrainData data)
    {
        if (args.ClassWeight is not { } text) return null;
        try { return ClassWeights.Parse(text, data.Table?.ClassNames ?? data.Metadata?.ClassNames, data.Train); }
        catch (FormatException e) { throw new UsageException($"--class-weight {text}: {e.Message}"); }
    }

    // The line that says how the training loss weighs the rows, or null when it does not.
    private static string? Weighting(TrainArguments args, TrainData data, IReadOnlyList<double>? classWeights)
    {
        var parts = new List<string>();
        if (classWeights is not null)
        {
            var names = Backprop.Text.Inert.Texts(data.Table?.ClassNames ?? data.Metadata?.ClassNames ?? [.. Enumerable.Range(0, classWeights.Count).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
            parts.Add("class weights " + string.Join(", ", classWeights.Select((w, i) => Invariant($"{names[i]} {w:G4}"))));
        }
        if (args.SampleWeight is { } column) parts.Add($"sample weights from column {Backprop.Text.Inert.Text(column)}");
        return parts.Count == 0 ? null : "weighted loss Σ w·l / Σ w: " + string.Join("; ", parts);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
