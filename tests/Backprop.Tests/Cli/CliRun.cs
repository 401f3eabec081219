using System.Globalization;
using Backprop.Cli;

namespace Backprop.Tests.Cli;

/// <summary>One in-process run of the <c>backprop</c> command line, with what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = BackpropCli.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string[] StdoutLines => Stdout.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    public string[] StderrLines => Stderr.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A number that follows <paramref name="label"/> (e.g. "acc") on the final "test" line.</summary>
    public double TestMetric(string label)
    {
        var words = StdoutLines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("test", words[0]);
        int at = Array.IndexOf(words, label);
        Assert.True(at > 0, $"no '{label}' on the test line: {StdoutLines[^1]}");
        return double.Parse(words[at + 1], CultureInfo.InvariantCulture);
    }
}
