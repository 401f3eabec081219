using Backprop.Data;

namespace Backprop.Cli.Train;

/// <summary>
/// What the user typed for the <c>train</c> options beyond the generated-data ones: how to read a file, split it, the network
/// and optimizer choices, and the files to write. Null means "not given".
/// </summary>
internal sealed record TrainExtras
{
    public string? Target { get; init; }
    public TaskKind? Task { get; init; }
    public int[]? Hidden { get; init; }
    public string? Optimizer { get; init; }
    public int? Patience { get; init; }
    public string? Scale { get; init; }
    public string? Separator { get; init; }
    public bool? Header { get; init; }
    public IReadOnlyList<string> Drop { get; init; } = [];
    public MissingValues? Missing { get; init; }
    public double? Validation { get; init; }
    public double? TestFraction { get; init; }
    public string? TestFile { get; init; }
    public int? TestLast { get; init; }
    public string? Out { get; init; }
    public string? Plot { get; init; }
    public string? PlotBoundary { get; init; }

    /// <summary>The options given that only make sense for a data file or MNIST (not for a generated set).</summary>
    public IEnumerable<string> FileOnlyOptionsGiven()
    {
        if (Target is not null) yield return "--target";
        if (Task is not null) yield return "--task";
        if (Optimizer is not null) yield return "--optimizer";
        if (Patience is not null) yield return "--patience";
        if (Scale is not null) yield return "--scale";
        if (Separator is not null) yield return "--separator";
        if (Header is not null) yield return Header.Value ? "--header" : "--no-header";
        if (Drop.Count > 0) yield return "--drop";
        if (Missing is not null) yield return "--missing";
        if (Validation is not null) yield return "--validation";
        if (TestFraction is not null) yield return "--test-fraction";
        if (TestFile is not null) yield return "--test";
        if (TestLast is not null) yield return "--test-last";
    }

    /// <summary>The CSV reading options these extras ask for.</summary>
    public CsvOptions CsvOptions() => new()
    {
        Target = Target, Task = Task, Separator = Separator, HasHeader = Header, Drop = Drop, Missing = Missing ?? MissingValues.Error,
    };
}
