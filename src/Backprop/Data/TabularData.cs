using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

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

    /// <summary>For data read with a model's encoders: how many cells of each column held a level (or word) the encoders never saw in
    /// training, encoded as all zeros (or the fill value); empty when there were none.</summary>
    public IReadOnlyDictionary<string, int> Unseen { get; init; } = new Dictionary<string, int>();

    /// <summary>The raw columns and their kinds, kept when the features went through encoders, so that they can be fitted again on the training rows only.</summary>
    internal RawTable? Raw { get; init; }

    /// <summary>
    /// The same rows with the column encoders fitted on <paramref name="rows"/> only (the training part, e.g. the rows a split trains on) and
    /// every row encoded by them: levels, fill values and pooling then come from the training rows alone (as <c>backprop train</c> does).
    /// A table loaded with a model's schema, or without encoders, is returned as it is.
    /// </summary>
    /// <exception cref="Errors.BackpropException">A column has no value in those rows (the message names it).</exception>
    public TabularData<T> FitEncoders(IReadOnlyList<int> rows) => Refit([.. rows]);

    /// <summary>As <see cref="FitEncoders"/>.</summary>
    internal TabularData<T> Refit(int[] rows)
    {
        if (Raw is not { } raw) return this;
        var encoding = Preprocessing.ColumnEncoding.Fit(raw.Columns, raw.Kinds, rows, raw.Options, raw.File, raw.Where);
        var x = encoding.Encode<T>(raw.Columns, Data.Count, raw.Where, null);
        var data = new Dataset<T>(new Tensor<T>(new Shape(Data.Count, encoding.Width), x), Data.Y, Data.Classes).WithWeights(Data.Weights);
        return this with { Data = data, Schema = Schema with { Encoders = encoding.States } };
    }

    /// <summary>
    /// For a table read through encoders: the raw numbers of its feature columns <paramref name="features"/> (positions in
    /// <see cref="TabularSchema.FeatureColumns"/>), [rows, features.Length] row-major, and the table without them, its encoders fitted
    /// again on every row of the columns left (one encoder per remaining feature column). <paramref name="what"/> names a value in errors ("sample weight").
    /// </summary>
    /// <exception cref="Errors.BackpropException">A cell of those columns is missing or not a number (the message names the line and column).</exception>
    internal (TabularData<T> Remaining, T[] Values) TakeOutRaw(int[] features, string what)
    {
        var raw = Raw ?? throw new InvalidOperationException("The table has no raw columns.");
        int n = Data.Count, k = features.Length;
        var values = new T[n * k];
        for (int j = 0; j < k; j++)
        {
            var column = raw.Columns[features[j]];
            for (int r = 0; r < n; r++)
            {
                double v = column.NumberOrBoolean(r);
                if (column.IsMissing(r) || double.IsNaN(v))
                    throw Errors.BackpropException.BadInput($"{raw.Where(r, column.Index)}: {what} {(column.IsMissing(r) ? "is missing" : $"\"{RecordTable.Shown(column.Text(r) ?? "")}\" is not a number")}.");
                values[r * k + j] = T.CreateTruncating(v);
            }
        }
        var keep = Enumerable.Range(0, raw.Columns.Count).Where(j => !features.Contains(j)).ToArray();
        var rest = this with
        {
            Schema = Schema with { FeatureColumns = [.. keep.Select(j => Schema.FeatureColumns[j])] },
            Raw = raw with { Columns = [.. keep.Select(j => raw.Columns[j])], Kinds = [.. keep.Select(j => raw.Kinds[j])] },
        };
        return (rest.Refit([.. Enumerable.Range(0, n)]), values);
    }
}

/// <summary>The raw feature columns of a loaded table with the kind each was taken as and how it was read, for fitting encoders again.</summary>
internal sealed record RawTable(IReadOnlyList<Preprocessing.RawColumn> Columns, IReadOnlyList<Preprocessing.ColumnKind> Kinds, CsvOptions Options, string File,
    Func<int, int, string> Where);
