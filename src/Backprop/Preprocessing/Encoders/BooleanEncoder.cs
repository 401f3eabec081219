using Backprop.Data;

namespace Backprop.Preprocessing.Encoders;

/// <summary>The settings of <see cref="BooleanEncoder"/>: the value a missing (or unknown) cell takes, how it was fitted, and whether a missing-indicator input follows.</summary>
internal sealed record BooleanSettings(double Fill = 0, Imputation Impute = Imputation.Mean, bool Indicator = false);

/// <summary>A true/false column: x = 1 for true or yes, 0 for false or no (any case); a missing cell takes the training rows' share of trues (mean), median or zero.</summary>
internal sealed class BooleanEncoder(BooleanSettings settings) : ColumnEncoder
{
    public override string Name => "boolean";
    public override ColumnKind Kind => ColumnKind.Boolean;
    public override object Settings => settings;
    public override int Width => settings.Indicator ? 2 : 1;

    /// <summary>1 or 0 for the words a boolean column holds; null for anything else.</summary>
    public static double? ValueOf(string? text) => text?.ToLowerInvariant() switch
    {
        "true" or "yes" => 1,
        "false" or "no" => 0,
        _ => null,
    };

    public override IEnumerable<string> OutputNames(string column) => settings.Indicator ? [column, column + " (missing)"] : [column];

    public override bool Scaled(int output) => output == 0;

    public override ColumnEncoder Fit(RawColumn column, int[] rows, CsvOptions options, Func<int, string> where)
    {
        var values = new List<double>(rows.Length);
        bool missing = false;
        foreach (int i in rows)
            if (ValueOf(column.Text(i)) is { } v) values.Add(v);
            else missing = true;
        if (values.Count == 0) throw Empty(column);
        var how = options.Impute ?? Imputation.Mean;
        return new BooleanEncoder(new BooleanSettings(Fill(values, how), how, options.MissingIndicator && missing));
    }

    public override int Encode(RawColumn column, Span<double> x, int stride, int offset, Func<int, string> where)
    {
        int unseen = 0;
        for (int i = 0; i < column.Count; i++)
        {
            double? v = ValueOf(column.Text(i));
            if (v is null && !column.IsMissing(i)) unseen++;
            x[i * stride + offset] = v ?? settings.Fill;
            if (settings.Indicator) x[i * stride + offset + 1] = v is null ? 1 : 0;
        }
        return unseen;
    }

    public override (bool Strings, int Width) OnnxInput => (true, 1);

    // the four words (lower case, Capitalised or UPPER: ONNX has no locale-free lower-casing) → 1 or 0, anything else the fill value;
    // with an indicator, 1 for anything but those words.
    public override string WriteOnnx(IOnnxEncoderGraph graph, string input)
    {
        (string Word, float Value)[] words = [("true", 1), ("yes", 1), ("false", 0), ("no", 0)];
        var cases = words.SelectMany(w => new[] { w.Word, char.ToUpperInvariant(w.Word[0]) + w.Word[1..], w.Word.ToUpperInvariant() }.Select(c => (Word: c, w.Value))).ToArray();
        string[] keys = [.. cases.Select(c => c.Word)];
        string Column(float[] values, float other) => graph.MlNode("LabelEncoder", [input], ("keys_strings", keys), ("values_floats", values), ("default_float", other));
        string value = Column([.. cases.Select(c => c.Value)], (float)settings.Fill);
        return settings.Indicator ? graph.Node("Concat", [value, Column([.. cases.Select(_ => 0f)], 1)], ("axis", 1)) : value;
    }

    public override string Describe() => $"boolean (true/yes 1, false/no 0), missing → {Numbers.Format(Math.Round(settings.Fill, 6))}" + (settings.Indicator ? " + missing indicator" : "");
}
