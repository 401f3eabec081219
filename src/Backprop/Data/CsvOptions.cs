using Backprop.Errors;
using Backprop.Nn;
using Backprop.Preprocessing;

namespace Backprop.Data;

/// <summary>What to do with missing cells (by default <c>?</c>, empty, <c>NA</c>).</summary>
public enum MissingValues
{
    /// <summary>Refuse the file, naming the first few rows that have missing cells.</summary>
    Error,
    /// <summary>Drop every row that has a missing cell.</summary>
    Drop,
    /// <summary>
    /// Replace a missing feature cell by the mean of its column over the rows of the loaded file (not only the training part).
    /// A missing target is still refused.
    /// </summary>
    Mean,
}

/// <summary>How <see cref="Csv"/> reads a delimited text file. Every property left null is detected from the file.</summary>
public sealed record CsvOptions
{
    /// <summary>Whether the first non-empty line holds column names; null detects it: a first row whose fields are mostly non-numeric above a row that is more numeric.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>
    /// The field separator: one character (<c>,</c> <c>;</c> a tab ...) or <see cref="Whitespace"/> for runs of spaces and tabs.
    /// Null detects it among <c>,</c> <c>;</c> tab and whitespace: the one that splits most of the first lines into the same, largest number of fields
    /// (ties go in that order).
    /// </summary>
    public string? Separator { get; init; }

    /// <summary>The <see cref="Separator"/> value meaning "runs of spaces and tabs" (leading and trailing whitespace ignored).</summary>
    public const string Whitespace = "whitespace";

    /// <summary>The quote character around fields that hold separators (default <c>"</c>); doubled inside a quoted field it stands for itself.</summary>
    public char Quote { get; init; } = '"';

    /// <summary>
    /// Names for the columns of a file without a header (one per column, in order), used in place of "0", "1", ...:
    /// as feature and target names, and to name the target and dropped columns. Null: the header's names, or the indices.
    /// </summary>
    public IReadOnlyList<string>? ColumnNames { get; init; }

    /// <summary>The target column: a column name, or a 0-based index where negative counts from the end (-1, the default, is the last column).</summary>
    public string? Target { get; init; }

    /// <summary>Columns to leave out (ids, names): header names or 0-based indices (negative from the end).</summary>
    public IReadOnlyList<string> Drop { get; init; } = [];

    /// <summary>
    /// Classification (or binary, read the same way: class labels) or regression; null infers it from the target: non-numeric, or integers with at most
    /// <see cref="MaxInferredClasses"/> distinct values, is classification; anything else is regression.
    /// </summary>
    public TaskKind? Task { get; init; }

    /// <summary>The most distinct integer targets that still count as classes when the task is inferred (default 20).</summary>
    public int MaxInferredClasses { get; init; } = 20;

    /// <summary>What to do with missing cells (default: refuse them).</summary>
    public MissingValues Missing { get; init; } = MissingValues.Error;

    /// <summary>The cell texts (after trimming) that mean "missing" (default <c>?</c>, empty, <c>NA</c>).</summary>
    public IReadOnlyList<string> MissingTokens { get; init; } = ["?", "", "NA"];

    /// <summary>Columns to read as numbers whatever they hold (a text cell is then an error): header names or 0-based indices.</summary>
    public IReadOnlyList<string> Numeric { get; init; } = [];

    /// <summary>Columns to one-hot encode as categories, numbers included (a zip code, a class number): header names or 0-based indices.</summary>
    public IReadOnlyList<string> Categorical { get; init; } = [];

    /// <summary>Columns to read as ISO 8601 dates (a cell in another format is then an error): header names or 0-based indices.</summary>
    public IReadOnlyList<string> Dates { get; init; } = [];

    /// <summary>
    /// What a missing number or date takes, fitted on the training rows (default: the mean). Setting it, like a column of text or dates,
    /// makes the features go through column encoders saved with the model (<see cref="TabularSchema.Encoders"/>).
    /// </summary>
    public Imputation? Impute { get; init; }

    /// <summary>Whether a number, date or boolean column that had missing cells in training gets a second input, 1 where the cell was missing.</summary>
    public bool MissingIndicator { get; init; }

    /// <summary>Category levels seen in fewer training rows than this are pooled into one "(other)" level (default 1: none).</summary>
    public int MinFrequency { get; init; } = 1;

    /// <summary>The most levels a category column keeps (the most frequent); the rest are pooled into "(other)". Null: no limit.</summary>
    public int? MaxCategories { get; init; }

    /// <summary>Whether an option asks for column encoders even when every column holds numbers.</summary>
    internal bool AsksForEncoding => Categorical.Count > 0 || Dates.Count > 0 || Impute is not null || MissingIndicator;

    /// <summary>The kind <see cref="Numeric"/>, <see cref="Categorical"/> and <see cref="Dates"/> give columns of <paramref name="table"/>, by index.</summary>
    internal Dictionary<int, ColumnKind> NamedKinds(RecordTable table)
    {
        var kinds = new Dictionary<int, ColumnKind>();
        bool named = table.HasHeader || ColumnNames is not null;
        foreach (var (list, kind, role) in new[] { (Numeric, ColumnKind.Number, "numeric"), (Categorical, ColumnKind.Category, "categorical"), (Dates, ColumnKind.Date, "date") })
            foreach (string spec in list)
            {
                int i = ColumnRef.Resolve(spec, table.Columns, named, table.FileName, role);
                if (kinds.TryGetValue(i, out var other) && other != kind)
                    throw BackpropException.BadSetting($"{table.FileName}: {table.Describe(i)} is named as both {other.ToString().ToLowerInvariant()} and {kind.ToString().ToLowerInvariant()}.");
                kinds[i] = kind;
            }
        return kinds;
    }
}
