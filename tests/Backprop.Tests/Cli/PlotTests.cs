using Backprop.Tests.Data;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>The plots are valid PNG files of the stated sizes.</summary>
public sealed class PlotTests : TempDirTest
{
    [Fact]
    public void TrainingCurvesAre800By600()
    {
        string plot = Dir.Path("curves.png");
        var run = BuiltInCommands.Train(BuiltInCommands.Wdbc, "--plot", plot);
        Assert.Contains($"saved training curves to {plot}", run.StdoutLines);
        Assert.Equal((800, 600), PngHeader.Size(plot));
    }

    [Fact]
    public void RegressionCurvesToo()
    {
        string plot = Dir.Path("curves.png");
        BuiltInCommands.Train(BuiltInCommands.AutoMpg("mean"), "--plot", plot, "--epochs", "5");
        Assert.Equal((800, 600), PngHeader.Size(plot));
    }

    [Fact]
    public void ConfusionMatrixIs800By800()
    {
        string model = Dir.Path("iris.safetensors"), plot = Dir.Path("cm.png");
        BuiltInCommands.Train(BuiltInCommands.Iris, "--out", model, "--epochs", "10");
        var run = CliRun.Of("evaluate", "--model", model, "--data", RepoData.Path("iris/iris.data"), "--plot", plot);
        Assert.Equal($"saved confusion matrix to {plot}", run.StdoutLines[^1]);
        Assert.Equal((800, 800), PngHeader.Size(plot));
    }

    [Fact]
    public void DecisionBoundaryOfAGeneratedSetIs800By600()
    {
        string plot = Dir.Path("boundary.png");
        var run = CliRun.Of("train", "--data", "spirals", "--epochs", "5", "--plot-boundary", plot, "--plot", Dir.Path("curves.png"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal((800, 600), PngHeader.Size(plot));
        Assert.Equal((800, 600), PngHeader.Size(Dir.Path("curves.png")));
    }

    [Fact]
    public void DecisionBoundaryOfATwoFeatureFile()
    {
        string data = Dir.File("two.csv", "x,y,side\n" + string.Join("\n", Enumerable.Range(0, 60).Select(i => $"{i % 10},{i / 10},{(i % 10 > i / 10 ? "right" : "left")}")) + "\n");
        string plot = Dir.Path("boundary.png");
        BuiltInCommands.Train(["--data", data], "--epochs", "3", "--plot-boundary", plot);
        Assert.Equal((800, 600), PngHeader.Size(plot));
    }
}
