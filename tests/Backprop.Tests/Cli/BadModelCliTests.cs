using System.Diagnostics;
using Backprop.Tests.Data;
using Backprop.Tests.IO;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>predict, evaluate and info on damaged model files: one line naming the file and the key, exit code 1, no crash.</summary>
public sealed class BadModelCliTests : TempDirTest
{
    private static readonly string Iris = RepoData.Path("iris/iris.data");

    private string Model(byte[] bytes)
    {
        string path = Dir.Path("model.safetensors");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AllRefuse(string model, string message)
    {
        CliRun.Of("predict", "--model", model, "--data", Iris).AssertOneLineError(message, 1);
        CliRun.Of("evaluate", "--model", model, "--data", Iris).AssertOneLineError(message, 1);
        CliRun.Of("info", "--model", model).AssertOneLineError(message, 1);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-1)]
    public void FeatureColumnOutsideTheFileIsRefusedAtLoad(int column)
    {
        string model = Model(SavedModels.WithMetadata(SavedModels.Iris, "columns",
            $"{{\"names\":[\"a\",\"b\",\"c\",\"d\",\"e\"],\"header\":false,\"separator\":\",\",\"target\":4,\"features\":[0,1,2,{column}]}}"));
        AllRefuse(model, $"{model}: __metadata__ \"columns\" is not valid (features[3] = {column} is not one of the 5 columns (0..4)).");
    }

    [Fact]
    public void NullClassNameIsRefused()
    {
        string model = Model(SavedModels.WithMetadata(SavedModels.Iris, "class_names", "[\"a\",null,\"c\"]"));
        AllRefuse(model, $"{model}: __metadata__ \"class_names\" is not valid (class_names[1]: expected a string).");
    }

    [Fact]
    public void FiveClassNamesForThreeOutputsAreRefused()
    {
        string model = Model(SavedModels.WithMetadata(SavedModels.Iris, "class_names", "[\"a\",\"b\",\"c\",\"d\",\"e\"]"));
        AllRefuse(model, $"{model}: __metadata__ \"class_names\" has 5 class names for its outputs, but the architecture 4-64-3");
    }

    [Fact]
    public void EmptyTargetScalerIsRefusedByInfo()
    {
        string model = Model(SavedModels.WithMetadata(SavedModels.Mpg, "target_scaler", "{\"kind\":\"standard\",\"offsets\":[],\"scales\":[]}"));
        CliRun.Of("info", "--model", model).AssertOneLineError($"{model}: __metadata__ \"target_scaler\" is not valid (0 offsets and 0 scales", 1);
    }

    [Fact]
    public void ModelThatIsADirectoryIsNamedSo()
    {
        CliRun.Of("info", "--model", Dir.Root).AssertOneLineError($"{Dir.Root}: is a directory, not a safetensors file.", 1);
        CliRun.Of("predict", "--model", Dir.Root, "--data", Iris).AssertOneLineError($"{Dir.Root}: is a directory", 1);
    }

    [Fact]
    public void ModelThatIsAPipeIsRefusedWithoutBlocking()
    {
        string pipe = Dir.Path("pipe.safetensors");
        using (var mkfifo = Process.Start("mkfifo", pipe)) mkfifo.WaitForExit();
        CliRun.Of("info", "--model", pipe).AssertOneLineError($"{pipe}: is a FIFO (named pipe), not a regular file", 1);
        CliRun.Of("evaluate", "--model", pipe, "--data", Iris).AssertOneLineError($"{pipe}: is a FIFO (named pipe), not a regular file", 1);
    }

    [Fact]
    public void InfoShowsAFileWithoutTensors()
    {
        string model = Model(TorchFile.Build("{\"__metadata__\":{\"format\":\"pt\"}}", []));
        var run = CliRun.Of("info", "--model", model);
        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Equal("tensors", run.StdoutLines[^1]);
    }
}
