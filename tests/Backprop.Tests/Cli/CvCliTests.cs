using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

public class CvCliTests : TempDirTest
{
    private static string WithoutTimes(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d+\.\d+ s\b", "T s");

    [Fact]
    public void ALinePerFoldThenMeanAndDeviation()
    {
        var run = CliRun.Of("cv", "--data", "iris", "--folds", "3", "--repeats", "2", "--epochs", "15", "--hidden", "8");
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        Assert.StartsWith("cv iris: 150 rows, 3 folds (stratified) x 2 repeats; layers 4-8-3", lines[0]);
        Assert.Equal(6, lines.Count(l => l.StartsWith("fold ", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("fold 3/3 (repeat 2/2)  loss ", StringComparison.Ordinal) && l.Contains("(100 train / 50 test rows"));
        Assert.Matches(@"^  acc +0\.\d{4} ± 0\.\d{4}$", lines.Single(l => l.StartsWith("  acc", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("  macro_f1", StringComparison.Ordinal));
        Assert.Equal(WithoutTimes(run.Stdout), WithoutTimes(CliRun.Of("cv", "--data", "iris", "--folds", "3", "--repeats", "2", "--epochs", "15", "--hidden", "8").Stdout));
        Assert.NotEqual(WithoutTimes(run.Stdout), WithoutTimes(CliRun.Of("cv", "--data", "iris", "--folds", "3", "--repeats", "2", "--epochs", "15", "--hidden", "8", "--seed", "2").Stdout));
    }

    [Fact]
    public void GroupsStayInOneFold()
    {
        // 8 patients, 10 rows each; the label depends on x, the patient column is an id the model must not see
        string path = Dir.Path("patients.csv");
        var rng = new Backprop.Tensors.Rng(3);
        var lines = new List<string> { "x,y,patient,label" };
        for (int p = 0; p < 8; p++)
            for (int r = 0; r < 10; r++)
            {
                double x = rng.NextDouble() * 2 - 1, y = rng.NextDouble();
                lines.Add(FormattableString.Invariant($"{x:F4},{y:F4},P{p},{(x > 0 ? "yes" : "no")}"));
            }
        File.WriteAllLines(path, lines);
        var run = CliRun.Of("cv", "--data", path, "--target", "label", "--group", "patient", "--folds", "4", "--epochs", "5", "--hidden", "4");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("4 folds (grouped by patient (8 groups))", run.StdoutLines[0]);
        Assert.Contains("layers 2-4-2", run.StdoutLines[0]); // the group column is not a feature
        Assert.All(run.StdoutLines.Where(l => l.StartsWith("fold ", StringComparison.Ordinal)), l => Assert.Contains("(60 train / 20 test rows", l)); // 2 whole patients a fold
        CliRun.Of("cv", "--data", path, "--target", "label", "--group", "patient", "--folds", "9").AssertOneLineError("--folds 9 is more than the 8 groups of --group patient", 2);
        CliRun.Of("cv", "--data", path, "--target", "label", "--group", "label").AssertOneLineError("--group label is the target column", 2);
        CliRun.Of("cv", "--data", path, "--target", "label", "--group", "ward").AssertOneLineError("--group ward: no such column", 2);
    }

    [Fact]
    public void MalformedFoldsAreOneLine()
    {
        CliRun.Of("cv", "--data", "iris", "--folds", "51").AssertOneLineError("--folds 51 is more than the 50 rows of class \"Iris-setosa\" in iris", 2);
        CliRun.Of("cv", "--data", "iris", "--folds", "1").AssertOneLineError("--folds must be a whole number of at least 2", 2);
        CliRun.Of("cv", "--data", "iris", "--out", "m.safetensors").AssertOneLineError("--out", 2);
        CliRun.Of("cv", "--data", "spirals", "--group", "x").AssertOneLineError("--group names a column of a data file", 2);
    }
}
