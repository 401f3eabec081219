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

    /// <summary>The schedule parameters given, each with the schedules that use it.</summary>
    public IEnumerable<(string Option, string[] Schedules)> ScheduleParametersGiven()
    {
        if (StepSize is not null) yield return ("--step-size", ["step"]);
        if (Gamma is not null) yield return ("--gamma", ["step", "multistep", "exponential"]);
        if (Milestones is not null) yield return ("--milestones", ["multistep"]);
        if (MinLr is not null) yield return ("--min-lr", ["cosine", "plateau"]);
        if (MaxLr is not null) yield return ("--max-lr", ["onecycle"]);
        if (PctStart is not null) yield return ("--pct-start", ["onecycle"]);
        if (BaseMomentum is not null) yield return ("--base-momentum", ["onecycle"]);
        if (MaxMomentum is not null) yield return ("--max-momentum", ["onecycle"]);
        if (NoCycleMomentum) yield return ("--no-cycle-momentum", ["onecycle"]);
        if (Factor is not null) yield return ("--factor", ["plateau"]);
        if (SchedulePatience is not null) yield return ("--schedule-patience", ["plateau"]);
        if (Cooldown is not null) yield return ("--cooldown", ["plateau"]);
    }
}
