using Backprop.Nn;

namespace Backprop.Data;

/// <summary>
/// How a table's columns became a data set: every column name in file order, which one is the target, which ones are
/// features (in order), the task and the class names. A model file carries it so that new files are read the same way.
/// </summary>
/// <param name="Columns">Every column of the file, in order: header names, or "0", "1", ... without a header.</param>
/// <param name="HasHeader">Whether the file had a header line.</param>
/// <param name="Separator">The separator used: one character, or <see cref="CsvOptions.Whitespace"/>.</param>
/// <param name="TargetColumn">0-based index of the target column in <paramref name="Columns"/>.</param>
/// <param name="FeatureColumns">0-based indices of the feature columns, in the order of the data set's features.</param>
/// <param name="Task">Classification or regression.</param>
/// <param name="ClassNames">For classification, the name of each class index (sorted: ordinal for text, numeric for numbers); null for regression.</param>
public sealed record TabularSchema(IReadOnlyList<string> Columns, bool HasHeader, string Separator, int TargetColumn,
    IReadOnlyList<int> FeatureColumns, TaskKind Task, IReadOnlyList<string>? ClassNames)
{
    /// <summary>The network's input names, in input order: the feature columns' names, or, with <see cref="Encoders"/>, the names of
    /// the inputs they make (<c>island=Biscoe</c>, <c>date.month</c>).</summary>
    public IReadOnlyList<string> FeatureNames => Encoders is null ? FeatureColumnNames : Preprocessing.ColumnEncoding.Restore(Encoders).InputNames;

    /// <summary>The feature columns' names, in feature order.</summary>
    public IReadOnlyList<string> FeatureColumnNames => [.. FeatureColumns.Select(i => Columns[i])];

    /// <summary>
    /// The encoders that turn the feature columns' raw cells into the network's inputs, one per feature column in order (what each column
    /// was taken as, its levels, fill values ...); null when the features are read as plain numbers (a table of numbers, older model files).
    /// </summary>
    public IReadOnlyList<Preprocessing.EncoderState>? Encoders { get; init; }

    /// <summary>The target column's name.</summary>
    public string TargetName => Columns[TargetColumn];

    /// <summary>
    /// The target columns after the first (<see cref="TargetColumn"/>) of a model with several regression targets (<c>--target a,b</c>,
    /// <see cref="MultiTarget.FromColumns{T}"/>), in the order of the target values; empty for one target.
    /// </summary>
    public IReadOnlyList<int> MoreTargetColumns { get; init; } = [];

    /// <summary>Every target column's name, in the order of the target values: <see cref="TargetName"/> then those of <see cref="MoreTargetColumns"/>.</summary>
    public IReadOnlyList<string> TargetNames => [TargetName, .. MoreTargetColumns.Select(i => Columns[i])];
}
