using Backprop.Diagnostics;

namespace Backprop.Cli.Learn;

/// <summary>The gradcheck table: one row per network, one column per parameter tensor (its worst relative error), ok or FAIL.</summary>
internal static class GradCheckTable
{
    public static void Write(IReadOnlyList<(string Network, GradCheckReport Report)> checks, double tolerance, TextWriter output, bool compact = false)
    {
        if (compact) { WriteCompact(checks, output); return; }
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
        Summary(checks, output);
    }

    // One row per network whose parameters differ from network to network (layers of several kinds): how many tensors, the worst one and its error.
    private static void WriteCompact(IReadOnlyList<(string Network, GradCheckReport Report)> checks, TextWriter output)
    {
        var style = TerminalStyle.For(output);
        int first = Math.Max("network".Length, checks.Max(c => c.Network.Length));
        int worstName = Math.Max("worst tensor".Length, checks.Max(c => c.Report.Entries.MaxBy(e => e.MaxRelativeError)?.Name.Length ?? 1));
        output.WriteLine($"{"network".PadRight(first)}  tensors  {"worst tensor".PadRight(worstName)}  rel. error  result");
        foreach (var (network, report) in checks)
        {
            var worst = report.Entries.MaxBy(e => e.MaxRelativeError);
            output.WriteLine($"{network.PadRight(first)}  {report.Entries.Count,7}  {(worst?.Name ?? "-").PadRight(worstName)}  {Numbers.Scientific(report.MaxRelativeError),10}  "
                + (report.Passed ? style.Good("ok") : style.Bad("FAIL")));
        }
        Summary(checks, output);
    }

    private static void Summary(IReadOnlyList<(string Network, GradCheckReport Report)> checks, TextWriter output)
    {
        output.WriteLine();
        int passed = checks.Count(c => c.Report.Passed), tensors = checks.Sum(c => c.Report.Entries.Count);
        double worst = checks.Max(c => c.Report.MaxRelativeError);
        output.WriteLine($"{passed} of {checks.Count} network{(checks.Count == 1 ? "" : "s")} within tolerance ({tensors} parameter tensors; worst relative error {Numbers.Scientific(worst)})");
    }
}
