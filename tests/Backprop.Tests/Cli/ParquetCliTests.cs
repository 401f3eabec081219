using System.Globalization;
using Backprop.Data;
using Backprop.Tests.Data;
using Backprop.Tests.Support;
using static Backprop.Tests.Data.ParquetFiles;

namespace Backprop.Tests.Cli;

/// <summary>train, evaluate and predict take a Parquet file as --data, and learn from it what they learn from the same table in CSV.</summary>
public sealed class ParquetCliTests : TempDirTest
{
    // iris as Parquet: four double columns and the class names as strings, in row groups of 40 rows.
    private string IrisParquet()
    {
        var iris = Csv.Load<double>(RepoData.Path("iris/iris.data"));
        double[] x = iris.Data.X.ToArray();
        var columns = Enumerable.Range(0, 4).Select(j => Values(j.ToString(CultureInfo.InvariantCulture), [.. Enumerable.Range(0, 150).Select(i => x[i * 4 + j])]))
            .Append(Texts("4", [.. iris.Data.Y.ToArray().Select(c => iris.ClassNames![(int)c])]));
        string path = Dir.Path("iris.parquet");
        Write(path, 40, [.. columns]);
        return path;
    }

    [Fact]
    public void TrainEvaluateAndPredictOnAParquetFile()
    {
        string parquet = IrisParquet(), model = Dir.Path("m.safetensors");
        string[] options = ["--epochs", "5", "--seed", "3", "--hidden", "8"];
        var fromParquet = CliRun.Of(["train", "--data", parquet, "--out", model, .. options]);
        var fromCsv = CliRun.Of(["train", "--data", RepoData.Path("iris/iris.data"), .. options]);
        Assert.Equal(0, fromParquet.ExitCode);
        Assert.StartsWith("train iris.parquet: 120 train / 0 validation / 30 test examples", fromParquet.StdoutLines[0]);
        Assert.Equal(fromCsv.StdoutLines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).Select(WithoutSpeed),
            fromParquet.StdoutLines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)).Select(WithoutSpeed));
        Assert.Equal(TestLine(fromCsv), TestLine(fromParquet));

        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", parquet);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.Equal("evaluate m.safetensors on iris.parquet: 150 examples", evaluate.StdoutLines[0]);
        var predict = CliRun.Of("predict", "--model", model, "--data", parquet);
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(151, predict.StdoutLines.Length);
        Assert.StartsWith("150,", predict.StdoutLines[^1]);
    }

    [Fact]
    public void ExplainShowsARowOfAParquetFileByItsRowNumber()
    {
        string parquet = IrisParquet(), model = Dir.Path("m.safetensors");
        Assert.Equal(0, CliRun.Of("train", "--data", parquet, "--out", model, "--epochs", "2", "--hidden", "4").ExitCode);
        var explain = CliRun.Of("explain", "--model", model, "--data", parquet, "--row", "120");
        Assert.True(explain.ExitCode == 0, explain.Stderr);
        Assert.Contains("row 120 of iris.parquet through m.safetensors", explain.Stdout);
        Assert.DoesNotContain("line", explain.StdoutLines[0]);
        Assert.Contains("Iris-virginica", explain.Stdout);
    }

    [Fact]
    public void ANestedColumnIsOneLineNamingIt()
    {
        string path = Dir.Path("nested.parquet");
        int[] rows = [.. Enumerable.Range(0, 40)];
        Write(path, 16, Values("a", rows.Select(i => i * 0.5).ToArray()), List("tags", rows), Values("y", rows.Select(i => i % 2).ToArray()));
        CliRun.Of("train", "--data", path, "--epochs", "1")
            .AssertOneLineError("nested.parquet: column \"tags\" holds a list; only flat columns of numbers, booleans and strings are read (drop it).");
        var dropped = CliRun.Of("train", "--data", path, "--epochs", "1", "--drop", "tags");
        Assert.True(dropped.ExitCode == 0, dropped.Stderr);
    }

    private static string TestLine(CliRun run) => run.StdoutLines.Single(l => l.StartsWith("test ", StringComparison.Ordinal)).Split("elapsed")[0];

    private static string WithoutSpeed(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"\s+\d+ samples/s$", "");
}
