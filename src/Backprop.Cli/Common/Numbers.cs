using System.Globalization;

namespace Backprop.Cli.Common;

/// <summary>How the learner commands write numbers: invariant culture, six significant digits, a lowercase exponent.</summary>
internal static class Numbers
{
    /// <summary>Up to six significant digits, e.g. 0.254, -0.120246, 1.1e-17; never "-0".</summary>
    public static string Short(double value)
    {
        if (value == 0) return "0";
        string s = value.ToString("G6", CultureInfo.InvariantCulture);
        int e = s.IndexOf('E');
        if (e < 0) return s;
        // "1.1E-17" → "1.1e-17"; "1.2E+20" → "1.2e+20"; strip leading zeros of the exponent.
        string exponent = s[(e + 2)..].TrimStart('0');
        return $"{s[..e]}e{s[e + 1]}{(exponent.Length == 0 ? "0" : exponent)}";
    }

    /// <summary>Three significant digits in scientific form, e.g. 1.23e-05: the columns of gradient tables.</summary>
    public static string Scientific(double value) =>
        double.IsFinite(value) ? value.ToString("0.00e+00", CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>R² with four decimals, or why there is none: R² is undefined when the target of the rows scored is constant (SS_tot = 0).</summary>
    public static string R2(double? r2, string rows) => r2 is double r && double.IsFinite(r)
        ? r.ToString("F4", CultureInfo.InvariantCulture) : $"undefined (the {rows} target is constant)";

    /// <summary>R² of each target after their mean, " (a 0.9500, b 0.8700)", when a model has several; "" for one.</summary>
    public static string R2PerTarget(Backprop.Training.Metrics metrics, IReadOnlyList<string>? targets)
    {
        if (metrics.R2PerTarget is not { Count: > 1 } each) return "";
        var names = Backprop.Text.Inert.Texts(targets is { } t && t.Count == each.Count ? t : [.. Enumerable.Range(0, each.Count).Select(Int)]);
        return " (" + string.Join(", ", each.Select((r2, j) => $"{names[j]} {R2Cell(r2)}")) + ")";
    }

    /// <summary>Each label's F1, " (a 0.9500, b 0.8700)": a multilabel model's per-label scores after their mean.</summary>
    public static string PerLabel(IReadOnlyList<double> f1, IReadOnlyList<string> labels)
    {
        var names = Backprop.Text.Inert.Texts(labels.Count == f1.Count ? labels : [.. Enumerable.Range(0, f1.Count).Select(Int)]);
        return " (" + string.Join(", ", f1.Select((v, j) => $"{names[j]} {v.ToString("F4", CultureInfo.InvariantCulture)}")) + ")";
    }

    /// <summary>R² with four decimals for a table's cell, or <c>n/a</c> when it is undefined (the run says why once, <see cref="ConstantTarget"/>).</summary>
    public static string R2Cell(double? r2) => r2 is double r && double.IsFinite(r) ? r.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>Whether every target value of <paramref name="data"/> is the same (R² is then undefined).</summary>
    public static bool ConstantTarget(Backprop.Data.Dataset<float> data)
    {
        var y = data.Y.Span;
        return y.Length > 0 && !y.ContainsAnyExcept(y[0]);
    }

    /// <summary>An integer in invariant culture.</summary>
    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
