using Backprop.Text;
using Backprop.Cli.Common;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>Text from data is inert: names with terminal escapes are shown escaped, and a CSV cell that a spreadsheet would run as a formula is neutralised.</summary>
public class InertTextTests : TempDirTest
{
    private const string Osc = "\u001b]0;pwned\u0007", Clear = "\u001b[2J";

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\u001b[2Jb", "a\\x1b[2Jb")]
    [InlineData("\u001b]0;pwned\u0007", "\\x1b]0;pwned\\x07")]
    [InlineData("line\nbreak\ttab\r", "line\\nbreak\\ttab\\r")]
    [InlineData("c1\u009b31m del\u007f", "c1\\x9b31m del\\x7f")]
    [InlineData("abc\u202edcba", "abc\\u202edcba")]
    public void ControlCharactersAreEscaped(string text, string shown) => Assert.Equal(shown, Inert.Text(text));

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("setosa", "setosa")]
    [InlineData("a,b", "\"a,b\"")]
    public void AFormulaCellIsPrefixedWithAQuote(string text, string cell) => Assert.Equal(cell, Inert.CsvCell(text));

    [Fact]
    public void LabelsWithTerminalEscapesAreShownEscapedByEveryCommandAndFormulasNeutralisedInCsv()
    {
        var lines = Enumerable.Range(0, 60).Select(i => $"{i % 6},{(i * 7) % 5},{(i % 3) switch { 0 => "red" + Osc, 1 => "=1+2" + Clear, _ => "-blue" }}");
        string data = Dir.File("data.csv", "x" + Clear + ",y,label\u001b[31m\n" + string.Join("\n", lines) + "\n");
        string model = Dir.Path("m.safetensors");
        var train = CliRun.Of("train", "--data", data, "--hidden", "4", "--epochs", "2", "--out", model);
        Assert.True(train.ExitCode == 0, train.Stderr);
        var runs = new[]
        {
            train, CliRun.Of("info", "--model", model), CliRun.Of("evaluate", "--model", model, "--data", data),
            CliRun.Of("explain", "--model", model, "--row", "1", "--data", data),
        };
        foreach (var (run, k) in runs.Select((r, k) => (r, k)))
        {
            Assert.True(run.ExitCode == 0, run.Stderr);
            string text = run.Stdout + run.Stderr;
            Assert.False(text.Contains('\u001b', StringComparison.Ordinal) || text.Contains('\u0007', StringComparison.Ordinal), $"command {k}: {Inert.Text(text)}");
        }
        Assert.Contains("red\\x1b]0;pwned\\x07", runs[1].Stdout);
        Assert.Contains("x\\x1b[2J", runs[1].Stdout);

        string csv = Dir.Path("p.csv");
        var predict = CliRun.Of("predict", "--model", model, "--data", data, "--out", csv);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        string written = File.ReadAllText(csv);
        var predicted = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')[1]).ToHashSet();
        Assert.Subset(new HashSet<string> { "'=1+2\u001b[2J", "'-blue", "red\u001b]0;pwned\u0007" }, predicted); // the file is data: control characters kept
        Assert.DoesNotContain(",=", written);
        Assert.DoesNotContain(",-", written);
    }

    [Fact]
    public void ANegativeNumberInANumericCellIsNotQuoted()
    {
        string data = Dir.File("r.csv", "a,b,y\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{i},{-i},{-3 - i * 0.5}")) + "\n");
        string model = Dir.Path("r.safetensors");
        Assert.Equal(0, CliRun.Of("train", "--data", data, "--hidden", "4", "--epochs", "1", "--out", model).ExitCode);
        string csv = Dir.Path("r-pred.csv");
        var predict = CliRun.Of("predict", "--model", model, "--data", data, "--out", csv);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Matches(@"^\d+,-\d", File.ReadAllLines(csv)[1]);
        Assert.DoesNotContain("'", File.ReadAllText(csv));
    }
}
