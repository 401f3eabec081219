using Backprop.Diagnostics;

namespace Backprop.Cli.Learn;

/// <summary>The gradcheck table: one row per network, one column per parameter tensor (its worst relative error), ok or FAIL.</summary>
internal static class GradCheckTable
{
    public static void Write(IReadOnlyList<(string Network, GradCheckReport Report)> checks, double tolerance, TextWriter output)
    {
        var style = TerminalStyle.For(output);
        output.WriteLine($"gradcheck: autodiff vs central differences (ε = {Numbers.Short(GradCheck.DefaultEpsilon)}) in double; "
            + $"worst relative error per parameter tensor, tolerance {Numbers.Short(tolerance)}");
        output.WriteLine();
        var columns = checks.SelectMany(c => c.Report.Entries.Select(e => e.Name)).Distinct().ToList();
        int first = Math.Max("network".Length, checks.Max(c => c.Network.Length));
        int width = Math.Max(8, columns.Max(c => c.Length));
        output.WriteLine("network".PadRight(first) + string.Concat(columns.Select(c => "  " + c.PadLeft(width))) + "  result");
        foreach (var (network, report) in checks)
        {
            var byName = report.Entries.ToDictionary(e => e.Name, e => e.MaxRelativeError);
            var cells = columns.Select(c => "  " + (byName.TryGetValue(c, out var v) ? Numbers.Scientific(v) : "-").PadLeft(width));
            output.WriteLine(network.PadRight(first) + string.Concat(cells) + "  " + (report.Passed ? style.Good("ok") : style.Bad("FAIL")));
        }
        output.WriteLine();
        int passed = checks.Count(c => c.Report.Passed), tensors = checks.Sum(c => c.Report.Entries.Count);
        double worst = checks.Max(c => c.Report.MaxRelativeError);
        output.WriteLine($"{passed} of {checks.Count} network{(checks.Count == 1 ? "" : "s")} within tolerance ({tensors} parameter tensors; worst relative error {Numbers.Scientific(worst)})");
    }
}
