using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

public class ImportanceCliTests : TempDirTest
{
    [Fact]
    public void ColumnsRankedWithDeviationAndABarPlot()
    {
        string model = Dir.Path("iris.safetensors"), plot = Dir.Path("importance.png");
        Assert.Equal(0, CliRun.Of("train", "--data", "iris", "--epochs", "60", "--out", model).ExitCode);
        var run = CliRun.Of("importance", "--model", model, "--data", "iris", "--repeats", "3", "--plot", plot);
        Assert.Equal(0, run.ExitCode);
        var lines = run.StdoutLines;
        Assert.StartsWith("importance iris.safetensors on iris: 150 rows, accuracy 0.", lines[0]);
        Assert.Contains("mean ± sd over 3 shuffles (seed 1)", lines[0]);
        Assert.Matches(@"^column +drop +± sd$", lines[1]);
        string[] rows = lines[2..6];
        Assert.Equal(["petal length", "petal width", "sepal length", "sepal width"], rows.Select(l => l[..12].Trim()).Order());
        Assert.StartsWith("petal", rows[0]); // iris is told apart by its petals
        var drops = rows.Select(l => double.Parse(l.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(drops.OrderDescending(), drops);
        Assert.Equal($"saved importance plot to {plot}", lines[^1]);
        Assert.Equal(800, PngHeader.Size(plot).Width);
        CliRun.Of("importance", "--model", model, "--data", "iris", "--repeats", "0").AssertOneLineError("--repeats must be a whole number of at least 1", 2);
    }
}
