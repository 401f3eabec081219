using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>
/// Every fenced block in docs/tutorials/*.md that starts with a <c>$ backprop ...</c> line is rerun in-process; the rest of
/// the block must match the output: text exactly, each number to the last digit it shows. A line "..." stands for any lines left out.
/// Set BACKPROP_UPDATE_TUTORIALS=1 to rewrite the blocks that have no "..." with the current output.
/// </summary>
[Collection(LearnerCommandsCollection.Name)]
public partial class TutorialTests
{
    private const string Elision = "...";

    public static TheoryData<string> Tutorials() => [.. Directory.GetFiles(TutorialDirectory, "*.md").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Fact]
    public void TheFiveTutorialsExistAndEachQuotesTheTool()
    {
        var files = Directory.GetFiles(TutorialDirectory, "*.md");
        Assert.True(files.Length >= 5, $"{files.Length} tutorials in {TutorialDirectory}");
        foreach (var file in files) Assert.NotEmpty(Blocks(File.ReadAllText(file)));
    }

    [Theory]
    [MemberData(nameof(Tutorials))]
    public void QuotedOutputIsWhatTheToolPrintsNow(string name)
    {
        string path = Path.Combine(TutorialDirectory, name);
        string markdown = File.ReadAllText(path).ReplaceLineEndings("\n");
        bool update = Environment.GetEnvironmentVariable("BACKPROP_UPDATE_TUTORIALS") == "1";
        var rewritten = new StringBuilder(markdown);
        foreach (var block in Blocks(markdown).OrderByDescending(b => b.Start))
        {
            string actual = Rerun(block.CommandLine);
            if (update && !block.Expected.Contains(Elision))
            {
                rewritten.Remove(block.Start, block.Length).Insert(block.Start, actual.TrimEnd('\n') + "\n");
                continue;
            }
            string? mismatch = Mismatch(block.Expected.Split('\n'), actual.TrimEnd('\n').Split('\n'));
            Assert.True(mismatch is null, $"{name}: '$ backprop {block.CommandLine}': {mismatch}");
        }
        if (update) File.WriteAllText(path, rewritten.ToString());
    }

    /// <summary>A quoted run: its command line, the expected output and where that output sits in the file.</summary>
    private sealed record Block(string CommandLine, string Expected, int Start, int Length);

    private static IEnumerable<Block> Blocks(string markdown)
    {
        foreach (Match m in FencedRun().Matches(markdown.ReplaceLineEndings("\n")))
        {
            var body = m.Groups["body"];
            yield return new Block(m.Groups["command"].Value.Trim(), body.Value.TrimEnd('\n'), body.Index, body.Length);
        }
    }

    // ```text / ``` fences whose first line is "$ backprop ...".
    [GeneratedRegex(@"^```[a-z]*\n\$ backprop (?<command>[^\n]*)\n(?<body>(?:(?!```)[^\n]*\n)*?)```", RegexOptions.Multiline)]
    private static partial Regex FencedRun();

    /// <summary>Runs the command with file arguments found beside the tutorials, and --out redirected to a temporary file.</summary>
    private static string Rerun(string commandLine)
    {
        using var files = new TempDir();
        var args = ShellWords(commandLine);
        var renamed = new Dictionary<string, string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (i > 0 && args[i - 1] == "--out")
            {
                renamed[files.Path(Path.GetFileName(args[i]))] = args[i];
                args[i] = files.Path(Path.GetFileName(args[i]));
            }
            else if (!args[i].StartsWith('-') && File.Exists(Path.Combine(TutorialDirectory, args[i])))
                args[i] = Path.Combine(TutorialDirectory, args[i]);
        }
        var run = CliRun.Of([.. args]);
        Assert.True(run.ExitCode == 0, $"'$ backprop {commandLine}' exited {run.ExitCode}: {run.Stderr}");
        string output = run.Stdout.ReplaceLineEndings("\n");
        foreach (var (temporary, original) in renamed) output = output.Replace(temporary, original);
        return output;
    }

    /// <summary>Words split on spaces, with '...' and "..." quoting, as a POSIX shell would for these simple lines.</summary>
    private static List<string> ShellWords(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        foreach (char c in line)
        {
            if (quote != '\0') { if (c == quote) quote = '\0'; else word.Append(c); }
            else if (c is '\'' or '"') { quote = c; inWord = true; }
            else if (c == ' ') { if (inWord) words.Add(word.ToString()); word.Clear(); inWord = false; }
            else { word.Append(c); inWord = true; }
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    /// <summary>Null when the expected lines (with "..." gaps) appear in order in the actual ones; else what differs.</summary>
    private static string? Mismatch(string[] expected, string[] actual)
    {
        var segments = new List<List<string>> { new() };
        foreach (var line in expected)
            if (line.Trim() == Elision) segments.Add([]);
            else segments[^1].Add(line);
        bool anchoredStart = expected.Length > 0 && expected[0].Trim() != Elision, anchoredEnd = expected.Length > 0 && expected[^1].Trim() != Elision;
        int at = 0;
        for (int s = 0; s < segments.Count; s++)
        {
            var segment = segments[s];
            if (segment.Count == 0) continue;
            int found = -1;
            int last = s == 0 && anchoredStart ? 0 : actual.Length - segment.Count;
            for (int start = at; start <= last && found < 0; start++)
                if (segment.Select((line, k) => LinesMatch(line, actual[start + k])).All(ok => ok)) found = start;
            if (found < 0)
            {
                int k = FirstDifference(segment, actual, at);
                string printed = at + k < actual.Length ? actual[at + k] : "(end of output)";
                return $"expected '{segment[k]}' but the tool printed '{printed}' (output line {at + k + 1})";
            }
            at = found + segment.Count;
        }
        if (anchoredEnd && at != actual.Length) return $"the tool printed more lines, from '{actual[at]}'";
        return null;
    }

    private static int FirstDifference(List<string> segment, string[] actual, int start)
    {
        for (int k = 0; k < segment.Count; k++)
            if (start + k >= actual.Length || !LinesMatch(segment[k], actual[start + k])) return k;
        return segment.Count - 1;
    }

    // Text between numbers must be equal; each number may differ by at most one unit in the last digit quoted.
    private static bool LinesMatch(string expected, string actual)
    {
        if (expected == actual) return true;
        var e = NumberPattern().Split(expected);
        var a = NumberPattern().Split(actual);
        if (e.Length != a.Length) return false;
        for (int i = 0; i < e.Length; i++)
        {
            if (i % 2 == 0) { if (e[i] != a[i]) return false; continue; }
            double x = double.Parse(e[i], CultureInfo.InvariantCulture), y = double.Parse(a[i], CultureInfo.InvariantCulture);
            if (Math.Abs(x - y) > 1.0001 * LastDigitUnit(e[i])) return false;
        }
        return true;
    }

    private static double LastDigitUnit(string number)
    {
        int exponentAt = number.IndexOfAny(['e', 'E']);
        string mantissa = exponentAt < 0 ? number : number[..exponentAt];
        int exponent = exponentAt < 0 ? 0 : int.Parse(number[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        int decimals = dot < 0 ? 0 : mantissa.Length - dot - 1;
        return Math.Pow(10, exponent - decimals);
    }

    [GeneratedRegex(@"(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)")]
    private static partial Regex NumberPattern();

    private static string TutorialDirectory { get; } = FindTutorials();

    private static string FindTutorials()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Backprop.slnx"))) return Path.Combine(dir.FullName, "docs", "tutorials");
        throw new DirectoryNotFoundException($"no Backprop.slnx above {AppContext.BaseDirectory}");
    }
}
