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

    /// <summary>
    /// Asserts a failure (exit code <paramref name="code"/>, or any but 0) that printed nothing but one line on standard error,
    /// "error: ..." containing <paramref name="message"/>: no stack trace.
    /// </summary>
    public void AssertOneLineError(string message, int? code = null)
    {
        if (code is { } expected) Assert.Equal(expected, ExitCode);
        else Assert.NotEqual(0, ExitCode);
        Assert.Equal("", Stdout);
        var line = Assert.Single(StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
    }

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
