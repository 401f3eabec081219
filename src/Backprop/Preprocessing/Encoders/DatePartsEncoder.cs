using Backprop.Data;

namespace Backprop.Preprocessing.Encoders;

/// <summary>The settings of <see cref="DatePartsEncoder"/>: the value each part takes for a missing date, how it was fitted, and whether a missing-indicator input follows.</summary>
internal sealed record DatePartsSettings(double[] Fill, Imputation Impute = Imputation.Mean, bool Indicator = false)
{
    /// <summary>An unfitted encoder's settings.</summary>
    public DatePartsSettings() : this([0, 0, 0, 0]) { }
}

/// <summary>
/// An ISO 8601 date column: four inputs, year, month (1–12), day of week (0 = Monday) and day of year (1–366) — the trend, the season
/// and the weekly cycle a network cannot read from a count of days; a missing date takes each part's training mean, median or zero.
/// </summary>
internal sealed class DatePartsEncoder(DatePartsSettings settings) : ColumnEncoder
{
    private static readonly string[] Parts = ["year", "month", "day_of_week", "day_of_year"];

    public override string Name => "date_parts";
    public override ColumnKind Kind => ColumnKind.Date;
    public override object Settings => settings;
    public override int Width => Parts.Length + (settings.Indicator ? 1 : 0);

    public override IEnumerable<string> OutputNames(string column) =>
        [.. Parts.Select(p => $"{column}.{p}"), .. settings.Indicator ? [column + " (missing)"] : Array.Empty<string>()];

    public override bool Scaled(int output) => output < Parts.Length;

    public override ColumnEncoder Fit(RawColumn column, int[] rows, CsvOptions options, Func<int, string> where)
    {
        Check(column, where);
        var values = Parts.Select(_ => new List<double>(rows.Length)).ToArray();
        Span<double> parts = stackalloc double[Parts.Length];
        bool missing = false;
        foreach (int i in rows)
        {
            if (column.IsMissing(i)) { missing = true; continue; }
            IsoDates.Parts(column.Date(i), parts);
            for (int p = 0; p < parts.Length; p++) values[p].Add(parts[p]);
        }
        if (values[0].Count == 0) throw Empty(column);
        var how = options.Impute ?? Imputation.Mean;
        return new DatePartsEncoder(new DatePartsSettings([.. values.Select(v => Fill(v, how))], how, options.MissingIndicator && missing));
    }

    public override int Encode(RawColumn column, Span<double> x, int stride, int offset, Func<int, string> where)
    {
        Check(column, where);
        Span<double> parts = stackalloc double[Parts.Length];
        for (int i = 0; i < column.Count; i++)
        {
            bool missing = column.IsMissing(i);
            if (missing) settings.Fill.CopyTo(parts);
            else IsoDates.Parts(column.Date(i), parts);
            parts.CopyTo(x.Slice(i * stride + offset));
            if (settings.Indicator) x[i * stride + offset + Parts.Length] = missing ? 1 : 0;
        }
        return 0;
    }

    // Every cell present is an ISO 8601 date.
    private static void Check(RawColumn column, Func<int, string> where)
    {
        if (column.AllDates || column.NumberCells + column.TextCells == 0) return;
        var (row, text) = column.FirstNonDate ?? column.FirstText ?? (0, column.Text(0) ?? "");
        if (column.FirstNonDate is null && column.NumberCells > 0)
            for (int i = 0; i < column.Count; i++) if (!column.IsMissing(i) && !double.IsNaN(column.Number(i))) { (row, text) = (i, column.Text(i)!); break; }
        throw Errors.BackpropException.BadInput($"{where(row)}: \"{RecordTable.Shown(text)}\" is not an ISO 8601 date (yyyy-mm-dd, or yyyy-mm-ddThh:mm:ss).");
    }

    /// <summary>The date's four parts as numbers (NaN when missing): ONNX's operators cannot parse a date string.</summary>
    public override (bool Strings, int Width) OnnxInput => (false, Parts.Length);

    public override string WriteOnnx(IOnnxEncoderGraph graph, string input) => OnnxFill(graph, input, settings.Fill, settings.Indicator);

    public override string Describe() => "date → year, month, day of week, day of year" + (settings.Indicator ? " + missing indicator" : "");
}
