using Backprop.Data;
using Backprop.Nn;

namespace Backprop.Cli.Train;

/// <summary>
/// What the user typed for <c>backprop train</c>: the data, how to read and split it, the network, the optimizer and the files
/// to write. Null means "not given": <see cref="TrainSettings.Resolve"/> fills in the data's defaults (<see cref="TrainDefaults"/>).
/// </summary>
internal sealed record TrainArguments
{
    public DataSource Data { get; init; } = DataSource.Default;
    public int[]? Layers { get; init; }
    public int[]? Hidden { get; init; }
    public Activation? Activation { get; init; }
    public Loss? Loss { get; init; }
    public string? Optimizer { get; init; }
    public double? LearningRate { get; init; }
    /// <summary>The optimizer's hyper-parameters given besides the learning rate, by PyTorch's names (<c>momentum</c>, <c>weight_decay</c>...).</summary>
    public IReadOnlyDictionary<string, double> OptimizerSettings { get; init; } = new Dictionary<string, double>();
    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public int? Patience { get; init; }
    public string? Scale { get; init; }
    public ulong Seed { get; init; } = 1;
    public bool GradReport { get; init; }
    public string? Target { get; init; }
    public TaskKind? Task { get; init; }
    public string? Separator { get; init; }
    public bool? Header { get; init; }
    public IReadOnlyList<string> Drop { get; init; } = [];
    public MissingValues? Missing { get; init; }
    /// <summary><c>--class-weight</c> as typed: <c>balanced</c> or <c>NAME=W,...</c>.</summary>
    public string? ClassWeight { get; init; }
    /// <summary><c>--sample-weight</c>: the column of row weights.</summary>
    public string? SampleWeight { get; init; }
    public double? Validation { get; init; }
    public double? TestFraction { get; init; }
    public string? TestFile { get; init; }
    public int? TestLast { get; init; }
    public string? Out { get; init; }
    public string? Plot { get; init; }
    public string? PlotBoundary { get; init; }
    /// <summary>Fit a temperature on the validation rows after training (<c>--calibrate</c>).</summary>
    public bool Calibrate { get; init; }

    /// <summary>How the table's columns are typed and encoded (<c>--numeric</c>, <c>--categorical</c>, <c>--impute</c> ...).</summary>
    public EncodingArguments Encoding { get; init; } = new();
    public ToolboxArguments Toolbox { get; init; } = new();
    public Regularisation Regularisation { get; init; } = new();
    public CheckpointArguments Checkpointing { get; init; } = new();

    /// <summary>The options given that describe a data file's columns, which generated sets and MNIST do not have.</summary>
    public IEnumerable<string> ColumnOptionsGiven()
    {
        if (Target is not null) yield return "--target";
        if (Task is not null) yield return "--task";
        if (Separator is not null) yield return "--separator";
        if (Header is not null) yield return Header.Value ? "--header" : "--no-header";
        if (Drop.Count > 0) yield return "--drop";
        if (Missing is not null) yield return "--missing";
        if (SampleWeight is not null) yield return "--sample-weight";
        foreach (string option in Encoding.Given()) yield return option;
    }

    /// <summary><c>--target</c>'s columns: one, or several joined by ',' (regression with one output each); empty when not given.</summary>
    public IReadOnlyList<string> Targets => Target is null ? [] : Target.Split(',', StringSplitOptions.TrimEntries);

    /// <summary>The target columns after the first, which are read as features and then moved into the targets (<see cref="MultiTarget"/>).</summary>
    public IReadOnlyList<string> MoreTargets => [.. Targets.Skip(1)];

    /// <summary>The target column the table is read with: the first of <see cref="Targets"/>.</summary>
    public string? FirstTarget => Targets.Count == 0 ? null : Targets[0];

    /// <summary><c>--task multilabel</c>: the target columns are 0/1 labels, a sigmoid output each.</summary>
    public bool Multilabel => Task == TaskKind.Binary;

    /// <summary>The task the table is read with: regression (values) for several targets and for multilabel's 0/1 labels, else <c>--task</c>.</summary>
    public TaskKind? ReadTask => Targets.Count > 1 || Multilabel ? TaskKind.Regression : Task;

    /// <summary>The CSV reading options these arguments ask for.</summary>
    public CsvOptions CsvOptions() => Encoding.Apply(new()
    {
        Target = FirstTarget, Task = ReadTask, Separator = Separator, HasHeader = Header, Drop = Drop, Missing = Missing ?? MissingValues.Error,
    });
}
