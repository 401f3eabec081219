using System.Text.Json.Nodes;
using Backprop.Nn;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// What the user typed for the training toolbox of <c>backprop train</c>: the learning-rate schedule and its parameters, the warm-up,
/// what early stopping and the plateau schedule watch, the CSV log and the initialiser. Null means "not given" (<see cref="TrainCallbacks"/>
/// fills in the defaults).
/// </summary>
internal sealed record ToolboxArguments
{
    public string? Schedule { get; init; }
    public int? StepSize { get; init; }
    public double? Gamma { get; init; }
    public int[]? Milestones { get; init; }
    public double? MinLr { get; init; }
    public double? MaxLr { get; init; }
    public double? PctStart { get; init; }
    public double? BaseMomentum { get; init; }
    public double? MaxMomentum { get; init; }
    public bool NoCycleMomentum { get; init; }
    public double? Factor { get; init; }
    public int? SchedulePatience { get; init; }
    public int? Cooldown { get; init; }
    public int? Warmup { get; init; }
    public Initializer? Init { get; init; }
    public MonitoredMetric? Monitor { get; init; }
    public double? MinDelta { get; init; }
    public string? LogCsv { get; init; }

    /// <summary>The schedule options given: each option, the key of the schedule options record it sets (snake_case), and its value.</summary>
    public IEnumerable<(string Option, string Key, JsonNode Value)> ScheduleOptionsGiven()
    {
        if (StepSize is { } stepSize) yield return ("--step-size", "step_size", stepSize);
        if (Gamma is { } gamma) yield return ("--gamma", "gamma", gamma);
        if (Milestones is { } milestones) yield return ("--milestones", "milestones", new JsonArray([.. milestones.Select(m => (JsonNode)m)]));
        if (MinLr is { } minLr) yield return ("--min-lr", "min_lr", minLr);
        if (MaxLr is { } maxLr) yield return ("--max-lr", "max_lr", maxLr);
        if (PctStart is { } pctStart) yield return ("--pct-start", "pct_start", pctStart);
        if (BaseMomentum is { } baseMomentum) yield return ("--base-momentum", "base_momentum", baseMomentum);
        if (MaxMomentum is { } maxMomentum) yield return ("--max-momentum", "max_momentum", maxMomentum);
        if (NoCycleMomentum) yield return ("--no-cycle-momentum", "cycle_momentum", false);
        if (Factor is { } factor) yield return ("--factor", "factor", factor);
        if (SchedulePatience is { } patience) yield return ("--schedule-patience", "patience", patience);
        if (Cooldown is { } cooldown) yield return ("--cooldown", "cooldown", cooldown);
    }
}
