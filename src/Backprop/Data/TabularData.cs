using System.Numerics;
using Backprop.Nn;

namespace Backprop.Data;

/// <summary>A data set loaded from a table, with what its columns and classes mean and where it came from.</summary>
/// <param name="Data">Features [N, F] and targets: class indices [N] (classification) or values [N] (regression).</param>
/// <param name="Schema">Column layout, feature and target names, task and class names.</param>
/// <param name="SourcePath">The file it was read from (or the name given with a stream).</param>
/// <param name="Lines">The 1-based line of the file each example came from.</param>
public sealed record TabularData<T>(Dataset<T> Data, TabularSchema Schema, string SourcePath, IReadOnlyList<int> Lines)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The feature names, in column order of <see cref="Dataset{T}.X"/>.</summary>
    public IReadOnlyList<string> FeatureNames => Schema.FeatureNames;

    /// <summary>The class names by class index, or null for regression.</summary>
    public IReadOnlyList<string>? ClassNames => Schema.ClassNames;

    /// <summary>The target column's name.</summary>
    public string TargetName => Schema.TargetName;

    /// <summary>Classification or regression.</summary>
    public TaskKind Task => Schema.Task;

    /// <summary>
    /// Whether the header (<see cref="TabularSchema.HasHeader"/>) was detected from the first lines rather than given: when it
    /// was, and the first line was taken as data, a caller may tell the user so (a numeric header reads like data).
    /// </summary>
    public bool HeaderDetected { get; init; }
}
