using Backprop.Datasets;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary><c>--data NAME</c> for the built-in data sets in train, evaluate and predict, and <c>backprop datasets</c>.</summary>
public sealed class BuiltInDataCommandTests : TempDirTest
{
    [Fact]
    public void TrainTakesABuiltInName()
    {
        var run = BuiltInCommands.Train(["--data", "iris"], "--epochs", "3");
        Assert.StartsWith("train iris: 120 train / 0 validation / 30 test examples (held-out rows); layers 4-64-3", run.StdoutLines[0]);
        Assert.StartsWith("test  acc", run.StdoutLines[^1]);
    }

    [Fact]
    public void AnUnknownNameListsTheBuiltInOnes()
    {
        var run = CliRun.Of("train", "--data", "nosuchset");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"a built-in data set ({string.Join(", ", BuiltIn.All.Select(d => d.Name))})", run.Stderr);
        Assert.Contains("got nosuchset, which is not a file either", run.Stderr);
    }

    [Fact]
    public void APathWithAFolderIsAFileEvenWhenItsNameIsABuiltInOne()
    {
        string path = Dir.File("iris", "a,b,label\n1,2,x\n2,1,y\n3,3,x\n1,1,y\n2,2,x\n3,1,y\n1,3,x\n2,3,y\n3,2,x\n1,2,y\n");
        var run = BuiltInCommands.Train(["--data", path], "--epochs", "1", "--validation", "0", "--test-fraction", "0.2");
        Assert.StartsWith("train iris: 8 train / 0 validation / 2 test examples", run.StdoutLines[0]);
        Assert.Contains("layers 2-64-2", run.StdoutLines[0]);
    }

    [Fact]
    public void EvaluateAndPredictTakeABuiltInName()
    {
        string model = Dir.Path("wine.safetensors");
        BuiltInCommands.Train(["--data", "wine"], "--epochs", "5", "--out", model);
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", "wine");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Equal("evaluate wine.safetensors on wine: 178 examples", evaluate.StdoutLines[0]);
        var predict = CliRun.Of("predict", "--model", model, "--data", "wine");
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        Assert.Equal(179, predict.StdoutLines.Length);
    }

    [Fact]
    public void EvaluateReadsABuiltInSetWithItsOwnOptions()
    {
        // auto-mpg has '?' cells that its own options drop: evaluate and predict read it the same way train did
        string mpg = Dir.Path("mpg.safetensors");
        BuiltInCommands.Train(["--data", "auto-mpg"], "--epochs", "3", "--out", mpg);
        var evaluate = CliRun.Of("evaluate", "--model", mpg, "--data", "auto-mpg");
        Assert.True(evaluate.ExitCode == 0, evaluate.Stderr);
        Assert.Equal("evaluate mpg.safetensors on auto-mpg: 392 examples", evaluate.StdoutLines[0]);
        Assert.Equal(0, CliRun.Of("predict", "--model", mpg, "--data", "auto-mpg").ExitCode);

        // optdigits has a test file of its own: evaluate uses it, so it repeats train's test accuracy
        string digits = Dir.Path("digits.safetensors");
        var train = BuiltInCommands.Train(["--data", "optdigits"], "--epochs", "2", "--out", digits);
        var check = CliRun.Of("evaluate", "--model", digits, "--data", "optdigits");
        Assert.Equal("evaluate digits.safetensors on optdigits: 1797 examples", check.StdoutLines[0]);
        Assert.Contains($" acc {train.TestMetric("acc").ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}", check.StdoutLines[1]);
    }

    [Fact]
    public void ATestFileForABuiltInSetIsReadWithTheSetsOptions()
    {
        // three complete cars and two with '?' horsepower: auto-mpg's own options drop the two, as they do in its training rows
        var lines = File.ReadAllLines(Backprop.Tests.Data.RepoData.Path("auto-mpg/auto-mpg.data"));
        string test = Dir.Path("cars.data");
        File.WriteAllLines(test, [.. lines.Where(l => !l.Contains('?')).Take(3), .. lines.Where(l => l.Contains('?')).Take(2)]);
        var run = BuiltInCommands.Train(["--data", "auto-mpg"], "--test", test, "--epochs", "2");
        Assert.EndsWith("(3 examples: cars.data)", run.StdoutLines[^1][..run.StdoutLines[^1].IndexOf("  elapsed", StringComparison.Ordinal)]);
    }

    [Fact]
    public void DatasetsListsEveryBuiltInSetOnAlignedLines()
    {
        var run = CliRun.Of("datasets");
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        Assert.Equal(BuiltIn.All.Count + 1, lines.Length);
        Assert.Matches(@"^name +rows +features +task +source +licence$", lines[0]);
        Assert.Matches(@"^iris +150 +4 +3 classes +https://archive.ics.uci.edu/dataset/53/iris +CC BY 4.0 \(UCI\)$", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("optdigits ") && l.Contains(" 3823+1797 test ") && l.Contains(" 10 classes "));
        Assert.Contains(lines, l => l.StartsWith("auto-mpg ") && l.Contains(" regression "));
        int source = lines[0].IndexOf("source", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.StartsWith("http", l[source..]));
    }
}
