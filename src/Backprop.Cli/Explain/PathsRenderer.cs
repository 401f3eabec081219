using System.Text.Json;
using Backprop.Diagnostics;

namespace Backprop.Cli.Explain;

/// <summary>
/// <c>explain --paths</c>: each path from a parameter to the loss as its chain of local derivatives, their product, and the sum
/// over all paths set beside the autodiff gradient (the chain rule over several paths).
/// </summary>
internal static class PathsRenderer
{
    /// <summary>Paths listed one by one; any beyond are only counted in the sum.</summary>
    public const int MaxListed = 50;

    public static void Write(ChainPaths found, OutputFormat format, TextWriter output)
    {
        switch (format)
        {
            case OutputFormat.Json: WriteJson(found, output); break;
            case OutputFormat.Markdown: WriteMarkdown(found, output); break;
            default: WriteText(found, output, TerminalStyle.For(output)); break;
        }
    }

    private static string Count(ChainPaths found) => found.Paths.Count == 1 ? "1 path" : $"{found.Paths.Count} paths";

    // layer1.w[0,1] → dw1[0,1], layer2.weight[0] → dγ2[0] (a batch norm's γ; bias is β), as the walk-through writes them.
    private static string Gradient(ChainPaths found) => found.Legend.Count > 0 ? $"dL/d{found.Parameter}" : System.Text.RegularExpressions.Regex.Replace(found.Parameter, @"^layer(\d+)\.(w|b|weight|bias)(\[.*)$",
        m => $"d{m.Groups[2].Value switch { "weight" => "γ", "bias" => "β", var wb => wb }}{m.Groups[1].Value}{m.Groups[3].Value}");

    // The library names the input a0; the walk-through calls it x.

    private static void WriteText(ChainPaths found, TextWriter output, TerminalStyle style)
    {
        output.WriteLine(style.Heading($"Every path from {found.Parameter} to the loss ({Count(found)})") + "; each path's value is the product of its local derivatives");
        if (found.Legend.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("each value is named by the module that gives it:");
            foreach (var line in found.Legend) output.WriteLine($"  {line}");
        }
        if (found.Note is { } note) output.WriteLine($"({note})");
        for (int p = 0; p < Math.Min(found.Paths.Count, MaxListed); p++)
        {
            var path = found.Paths[p];
            int width = path.Factors.Max(f => f.Label.Length);
            output.WriteLine();
            output.WriteLine($"path {p + 1} (example {path.Example})");
            for (int f = 0; f < path.Factors.Count; f++)
                output.WriteLine($"  {(f == 0 ? " " : "×")} {path.Factors[f].Label.PadRight(width)}   {Numbers.Short(path.Factors[f].Value)}");
            output.WriteLine($"  = {Numbers.Short(path.Product)}");
        }
        if (found.Paths.Count > MaxListed) output.WriteLine($"\n... {found.Paths.Count - MaxListed} more paths, not listed but in the sum");
        output.WriteLine();
        output.WriteLine($"sum over the {Count(found)} = {Numbers.Short(found.Sum)}");
        output.WriteLine(style.Good($"autodiff {Gradient(found)} = {Numbers.Short(found.Autodiff)}") + $" (|sum - autodiff| = {Numbers.Short(Math.Abs(found.Sum - found.Autodiff))})");
    }

    private static void WriteMarkdown(ChainPaths found, TextWriter output)
    {
        output.WriteLine($"### Every path from `{found.Parameter}` to the loss ({Count(found)})");
        output.WriteLine();
        if (found.Legend.Count > 0) output.WriteLine("Each value is named by the module that gives it:\n\n" + string.Join("\n", found.Legend.Select(l => $"- `{l}`")) + "\n");
        if (found.Note is { } note) output.WriteLine($"({note}.)\n");
        output.WriteLine("| path | example | local derivatives (value) | product |");
        output.WriteLine("| ---: | ---: | --- | ---: |");
        for (int p = 0; p < Math.Min(found.Paths.Count, MaxListed); p++)
        {
            var path = found.Paths[p];
            var factors = string.Join(" × ", path.Factors.Select(f => $"`{f.Label}` ({Numbers.Short(f.Value)})"));
            output.WriteLine($"| {p + 1} | {path.Example} | {factors} | {Numbers.Short(path.Product)} |");
        }
        if (found.Paths.Count > MaxListed) output.WriteLine($"\n{found.Paths.Count - MaxListed} more paths are not listed but are in the sum.");
        output.WriteLine();
        output.WriteLine($"Sum over the {Count(found)}: {Numbers.Short(found.Sum)}; autodiff `{Gradient(found)}` = {Numbers.Short(found.Autodiff)} " +
            $"(|sum - autodiff| = {Numbers.Short(Math.Abs(found.Sum - found.Autodiff))}).");
    }

    private static void WriteJson(ChainPaths found, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("parameter", found.Parameter);
            if (found.Legend.Count > 0)
            {
                json.WriteStartArray("legend");
                foreach (var line in found.Legend) json.WriteStringValue(line);
                json.WriteEndArray();
            }
            json.WriteStartArray("paths");
            foreach (var path in found.Paths)
            {
                json.WriteStartObject();
                json.WriteNumber("example", path.Example);
                json.WriteStartArray("factors");
                foreach (var f in path.Factors)
                {
                    json.WriteStartObject();
                    json.WriteString("label", f.Label);
                    json.WriteNumber("value", f.Value);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteNumber("product", path.Product);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteNumber("sum", found.Sum);
            json.WriteNumber("autodiff", found.Autodiff);
            json.WriteEndObject();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
