using System.Globalization;
using System.Text.Json;
using Backprop.Diagnostics;
using Backprop.Text;

namespace Backprop.Cli.Explain;

/// <summary>
/// The part of <c>explain --row</c> that says what each original column contributed (<see cref="Attributions"/>): a table after the
/// walkthrough in text and Markdown, an <c>"attributions"</c> object in JSON: <c>{"output", "value", "baseline_value", "baseline",
/// "baseline_description", "steps", "completeness_gap", "columns": [{"name", "integrated_gradients", "gradient_x_input"}]}</c>.
/// </summary>
internal static class AttributionRenderer
{
    public static void WriteText(RowAttribution a, TextWriter output, bool markdown)
    {
        var c = CultureInfo.InvariantCulture;
        string output_ = Inert.Text(a.Output);
        output.WriteLine();
        output.WriteLine(markdown ? "## What each column contributed" : "What each column contributed");
        if (markdown) output.WriteLine();
        output.WriteLine(string.Create(c, $"{(markdown ? "" : "  ")}{output_} = {a.Value:G6} at this row, {a.BaselineValue:G6} at the baseline: {a.BaselineDescription}."));
        output.WriteLine(string.Create(c, $"{(markdown ? "" : "  ")}Integrated gradients add up to the difference, {a.Value - a.BaselineValue:G6} (trapezoid rule, {a.Steps} steps; off by {Math.Abs(a.CompletenessGap):G2}); gradient × (input − baseline) is their first-order estimate."));
        if (markdown) output.WriteLine();
        string[] heading = ["column", "integrated gradients", "gradient × input"];
        var rows = a.Columns.Select(col => new[] { Inert.Text(col.Column), col.IntegratedGradients.ToString("G6", c), col.GradientTimesInput.ToString("G6", c) })
            .Append(["sum", a.Columns.Sum(col => col.IntegratedGradients).ToString("G6", c), a.Columns.Sum(col => col.GradientTimesInput).ToString("G6", c)]).ToList();
        if (markdown)
        {
            output.WriteLine($"| {string.Join(" | ", heading)} |");
            output.WriteLine("|---|---:|---:|");
            foreach (var row in rows) output.WriteLine($"| {string.Join(" | ", row)} |");
            return;
        }
        int[] widths = [.. heading.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length)))];
        output.WriteLine($"  {heading[0].PadRight(widths[0])}  {heading[1].PadLeft(widths[1])}  {heading[2].PadLeft(widths[2])}");
        foreach (var row in rows) output.WriteLine($"  {row[0].PadRight(widths[0])}  {row[1].PadLeft(widths[1])}  {row[2].PadLeft(widths[2])}");
    }

    public static void WriteJson(Utf8JsonWriter json, RowAttribution a)
    {
        json.WriteStartObject("attributions");
        json.WriteString("output", Inert.Text(a.Output));
        json.WriteNumber("value", a.Value);
        json.WriteNumber("baseline_value", a.BaselineValue);
        json.WriteStartArray("baseline");
        foreach (double v in a.Baseline) json.WriteNumberValue(v);
        json.WriteEndArray();
        json.WriteString("baseline_description", a.BaselineDescription);
        json.WriteNumber("steps", a.Steps);
        json.WriteNumber("completeness_gap", a.CompletenessGap);
        json.WriteStartArray("columns");
        foreach (var col in a.Columns)
        {
            json.WriteStartObject();
            json.WriteString("name", Inert.Text(col.Column));
            json.WriteNumber("integrated_gradients", col.IntegratedGradients);
            json.WriteNumber("gradient_x_input", col.GradientTimesInput);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
