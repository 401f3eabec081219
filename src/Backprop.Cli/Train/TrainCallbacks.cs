using System.Text.Json.Nodes;
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
        var entry = Schedules.Registry.Get(s.Schedule);
        var options = new JsonObject();
        foreach (var (option, key, value) in t.ScheduleOptionsGiven())
        {
            if (!entry.Defaults.ContainsKey(key))
                throw new UsageException($"{option} is a parameter of --schedule {string.Join(" or ", Schedules.Registry.Entries.Where(e => e.Defaults.ContainsKey(key)).Select(e => e.Name))}; the schedule is {s.Schedule}");
            options[key] = value;
        }
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
        if (s.Init != Nn.Initializer.Default) words.Add($"init {s.Init.Name}");
        var made = entry.Create(options)(new ScheduleRun(after, Trainer.StepsPerEpoch(data.Train.Count, s.BatchSize, dropLast, fullBatch), s.LearningRate, monitor, t.MinDelta));
        var schedule = made as LearningRateSchedule;
        var plateau = made is LearningRateSchedule ? null : made; // a schedule that is not a function of time (plateau) runs beside the warm-up
        if (schedule is not null) words.Add($"schedule {schedule}");
        if (warmup > 0)
        {
            schedule = new LinearWarmUp(warmup, schedule);
            words.Add(string.Create(c, $"{warmup} warm-up epochs"));
        }
        if (plateau is not null) words.Add($"schedule {plateau}");
        var stopping = s.Patience is { } p ? new EarlyStopping(p, minDelta, monitor: monitor) : null;
        if (watched && (monitor != MonitoredMetric.ValLoss || minDelta != 0)) words.Add(string.Create(c, $"monitor {monitor}{(minDelta != 0 ? $" (min delta {minDelta})" : "")}"));
        var log = t.LogCsv is { } path ? new CsvLogger(TrainArtifacts.LogFile(path)) : null;
        if (t.LogCsv is { } logged) words.Add($"log {logged}");
        ITrainingCallback?[] all = [stopping, schedule, plateau, log];
        return new TrainCallbacks(stopping, [.. all.OfType<ITrainingCallback>()], string.Concat(words.Where(w => w.Length > 0).Select(w => ", " + w)));
    }
}
