using Backprop.Data;

namespace Backprop.Preprocessing.Encoders;

/// <summary>The settings of <see cref="NumberEncoder"/>: the value a missing cell takes, how it was fitted, and whether a missing-indicator input follows.</summary>
internal sealed record NumberSettings(double Fill = 0, Imputation Impute = Imputation.Mean, bool Indicator = false);

/// <summary>A number column: x as read, a missing cell replaced by the training rows' mean, median or zero; with an indicator, a second input m = 1 when the cell was missing.</summary>
internal sealed class NumberEncoder(NumberSettings settings) : ColumnEncoder
{
    public const string Registered = "number";

    public override string Name => Registered;
    public override ColumnKind Kind => ColumnKind.Number;
    public override object Settings => settings;
    public override int Width => settings.Indicator ? 2 : 1;

    public override IEnumerable<string> OutputNames(string column) => settings.Indicator ? [column, column + " (missing)"] : [column];

    public override bool Scaled(int output) => output == 0;

    public override ColumnEncoder Fit(RawColumn column, int[] rows, CsvOptions options, Func<int, string> where)
    {
        var values = new List<double>(rows.Length);
        bool missing = false;
        foreach (int i in rows)
            if (column.IsMissing(i)) missing = true;
            else values.Add(column.Number(i));
        if (values.Count == 0) throw Empty(column);
        var how = options.Impute ?? Imputation.Mean;
        return new NumberEncoder(new NumberSettings(Fill(values, how), how, options.MissingIndicator && missing));
    }

    public override int Encode(RawColumn column, Span<double> x, int stride, int offset, Func<int, string> where)
    {
        if (column.FirstText is { } text) throw Errors.BackpropException.BadInput($"{where(text.Row)}: \"{RecordTable.Shown(text.Text)}\" is not a number.");
        for (int i = 0; i < column.Count; i++)
        {
            bool missing = column.IsMissing(i);
            x[i * stride + offset] = missing ? settings.Fill : column.Number(i);
            if (settings.Indicator) x[i * stride + offset + 1] = missing ? 1 : 0;
        }
        return 0;
    }

    public override string WriteOnnx(IOnnxEncoderGraph graph, string input) => OnnxFill(graph, input, [settings.Fill], settings.Indicator);

    public override string Describe() => $"as read, missing → {settings.Impute.ToString().ToLowerInvariant()} {Numbers.Format(Math.Round(settings.Fill, 6))}" + (settings.Indicator ? " + missing indicator" : "");
}
