using System.Globalization;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Cli.Train;

/// <summary>
/// The callbacks the toolbox options ask for, in the order they run: early stopping (<c>--patience</c>, watching <c>--monitor</c>), the
/// learning-rate schedule with its warm-up, the plateau schedule, the CSV log; and the words the header line gains for them.
/// </summary>
/// <param name="Stopping">Early stopping, or null when <c>--patience</c> is off.</param>
internal sealed record TrainCallbacks(EarlyStopping? Stopping, ITrainingCallback[] Callbacks, string Description)
{
    /// <summary>Fills in the defaults shown by <c>--help</c> and checks the options against each other and the data; throws <see cref="UsageException"/> when they conflict.</summary>
    /// <param name="dropLast">Whether each epoch leaves out its last partial batch (batch norm); with <paramref name="fullBatch"/> (L-BFGS), it sizes one-cycle's steps.</param>
    public static TrainCallbacks For(ToolboxArguments t, TrainSettings s, TrainData data, bool classification, bool dropLast, bool fullBatch)
    {
        foreach (var (option, schedules) in t.ScheduleParametersGiven())
            if (!schedules.Contains(s.Schedule))
                throw new UsageException($"{option} is a parameter of --schedule {string.Join(" or ", schedules)}; the schedule is {s.Schedule}");
        // Without validation rows the training loss is watched, with scikit-learn's tolerance (tol 1e-4) as the least improvement.
        var monitor = t.Monitor ?? (data.Validation is null ? MonitoredMetric.Loss : MonitoredMetric.ValLoss);
        double minDelta = t.MinDelta ?? (t.Monitor is null && data.Validation is null ? Defaults.MinDelta : 0);
        bool watched = s.Patience is not null || s.Schedule == "plateau";
        if (!watched && (t.Monitor is not null || t.MinDelta is not null))
            throw new UsageException($"{(t.Monitor is not null ? "--monitor" : "--min-delta")} sets what --patience and --schedule plateau watch, but neither is on");
        if (watched && !monitor.AppliesTo(classification))
            throw new UsageException($"--monitor {monitor}: {data.Name} is {(classification ? "classification" : "regression")}, which reports " +
                string.Join(", ", MonitoredMetric.All.Where(m => m.AppliesTo(classification)).Select(m => m.Name)));
        if (watched && monitor.NeedsValidation && data.Validation is null)
            throw new UsageException($"--monitor {monitor} needs validation rows, but --validation is 0; monitor loss{(classification ? " or accuracy" : "")} instead");
        int warmup = t.Warmup ?? 0, after = s.Epochs - warmup;
        if (warmup > 0 && s.Schedule == "onecycle") throw new UsageException("--warmup does not go with --schedule onecycle, which warms up by itself (--pct-start)");
        if (after < 1) throw new UsageException($"--warmup {warmup} must be fewer than the {s.Epochs} epochs");
        if (s.Schedule == "onecycle" && !t.NoCycleMomentum && s.OptimizerOptions.Create<double>([Tensors.Tensor.Scalar(0.0, requiresGrad: true)]).CyclicMomentum is null)
            throw new UsageException($"--schedule onecycle cycles the optimizer's momentum (PyTorch's cycle_momentum), but {s.Optimizer} has neither a momentum nor a β₁; add --no-cycle-momentum");

        var c = CultureInfo.InvariantCulture;
        var words = new List<string>();
        if (s.Init != Nn.Initializer.Default) words.Add($"init {Nn.InitializerNames.Name(s.Init)}");
        LearningRateSchedule? schedule = s.Schedule switch
        {
            "step" => new StepLR(t.StepSize ?? Math.Max(1, after / 3), t.Gamma ?? 0.1),
            "multistep" => new MultiStepLR(t.Milestones ?? [.. new[] { after / 2, after * 3 / 4 }.Select(m => Math.Max(1, m)).Distinct()], t.Gamma ?? 0.1),
            "exponential" => new ExponentialLR(t.Gamma ?? 0.95),
            "cosine" => new CosineAnnealingLR(after, t.MinLr ?? 0),
            "onecycle" => new OneCycleLR(t.MaxLr ?? s.LearningRate, (long)s.Epochs * Trainer.StepsPerEpoch(data.Train.Count, s.BatchSize, dropLast, fullBatch), t.PctStart ?? 0.3,
                cycleMomentum: !t.NoCycleMomentum, baseMomentum: t.BaseMomentum ?? 0.85, maxMomentum: t.MaxMomentum ?? 0.95),
            _ => null,
        };
        words.Add(schedule switch
        {
            StepLR step => string.Create(c, $"schedule step (every {step.StepSize} epochs x{step.Gamma})"),
            MultiStepLR multi => string.Create(c, $"schedule multistep (x{multi.Gamma} at epochs {string.Join(",", multi.Milestones)})"),
            ExponentialLR exp => string.Create(c, $"schedule exponential (x{exp.Gamma} per epoch)"),
            CosineAnnealingLR cos => string.Create(c, $"schedule cosine (T_max {cos.TMax}, eta_min {cos.EtaMin})"),
            OneCycleLR one => string.Create(c, $"schedule onecycle (max_lr {one.MaxLr}, {one.TotalSteps} steps, pct_start {one.PctStart}, momentum {(one.CycleMomentum ? $"{one.MaxMomentum}-{one.BaseMomentum}-{one.MaxMomentum}" : "not cycled")})"),
            _ => "",
        });
        if (warmup > 0)
        {
            schedule = new LinearWarmUp(warmup, schedule);
            words.Add(string.Create(c, $"{warmup} warm-up epochs"));
        }
        var plateau = s.Schedule == "plateau"
            ? new ReduceLROnPlateau(monitor, t.Factor ?? 0.1, t.SchedulePatience ?? 5, t.MinDelta ?? 1e-4, t.Cooldown ?? 0, t.MinLr ?? 0) : null;
        if (plateau is not null)
            words.Add(string.Create(c, $"schedule plateau (x{plateau.Factor} after {plateau.Patience} epochs, cooldown {plateau.Cooldown}, min_lr {plateau.MinLr})"));
        var stopping = s.Patience is { } p ? new EarlyStopping(p, minDelta, monitor: monitor) : null;
        if (watched && (monitor != MonitoredMetric.ValLoss || minDelta != 0)) words.Add(string.Create(c, $"monitor {monitor}{(minDelta != 0 ? $" (min delta {minDelta})" : "")}"));
        var log = t.LogCsv is { } path ? new CsvLogger(TrainArtifacts.LogFile(path)) : null;
        if (t.LogCsv is { } logged) words.Add($"log {logged}");
        ITrainingCallback?[] all = [stopping, schedule, plateau, log];
        return new TrainCallbacks(stopping, [.. all.OfType<ITrainingCallback>()], string.Concat(words.Where(w => w.Length > 0).Select(w => ", " + w)));
    }
}
