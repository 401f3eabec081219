using Backprop.Data;
using Backprop.Preprocessing;

namespace Backprop.Cli.Train;

/// <summary>How a data file's columns are typed and encoded: <c>--numeric</c>, <c>--categorical</c>, <c>--date</c>, <c>--impute</c>,
/// <c>--missing-indicator</c>, <c>--min-frequency</c>, <c>--max-categories</c>.</summary>
internal sealed record EncodingArguments
{
    public IReadOnlyList<string> Numeric { get; init; } = [];
    public IReadOnlyList<string> Categorical { get; init; } = [];
    public IReadOnlyList<string> Dates { get; init; } = [];
    public Imputation? Impute { get; init; }
    public bool MissingIndicator { get; init; }
    public int? MinFrequency { get; init; }
    public int? MaxCategories { get; init; }

    /// <summary>The options given (they describe a data file's columns).</summary>
    public IEnumerable<string> Given()
    {
        if (Numeric.Count > 0) yield return "--numeric";
        if (Categorical.Count > 0) yield return "--categorical";
        if (Dates.Count > 0) yield return "--date";
        if (Impute is not null) yield return "--impute";
        if (MissingIndicator) yield return "--missing-indicator";
        if (MinFrequency is not null) yield return "--min-frequency";
        if (MaxCategories is not null) yield return "--max-categories";
    }

    /// <summary><paramref name="options"/> with these settings; <c>--missing mean</c> and <c>--impute</c> both fill missing cells, so only one may be given.</summary>
    public CsvOptions Apply(CsvOptions options)
    {
        if (Impute is not null && options.Missing == MissingValues.Mean)
            throw new UsageException("--missing mean and --impute both fill missing cells; give one (--impute fits its values on the training rows only and saves them with the model)");
        return options with
        {
            Numeric = Numeric.Count > 0 ? Numeric : options.Numeric, Categorical = Categorical.Count > 0 ? Categorical : options.Categorical,
            Dates = Dates.Count > 0 ? Dates : options.Dates, Impute = Impute ?? options.Impute, MissingIndicator = MissingIndicator || options.MissingIndicator,
            MinFrequency = MinFrequency ?? options.MinFrequency, MaxCategories = MaxCategories ?? options.MaxCategories,
        };
    }
}
