using Backprop.Cli;
using Backprop.Tests.Data;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>Bad data, models and paths: one line on stderr saying what and where, a non-zero exit code, nothing on stdout and no file written.</summary>
public sealed class RealDataBadInputTests : TempDirTest
{
    private void AssertFails(int code, string message, params string[] args)
    {
        var before = Dir.Files;
        CliRun.Of(args).AssertOneLineError(message, code);
        Assert.Equal(before, Dir.Files);
    }

    private void AssertTrainFails(string message, string csv, params string[] more) =>
        AssertFails(BackpropCli.Failure, message, ["train", "--data", Dir.File("data.csv", csv), "--out", Dir.Path("model.safetensors"), .. more]);

    [Fact]
    public void MissingFile() => AssertFails(BackpropCli.Failure, "nope.csv: file not found", "train", "--data", Dir.Path("nope.csv"), "--out", Dir.Path("m.safetensors"));

    [Fact]
    public void EmptyFile() => AssertTrainFails("data.csv: the file is empty", "\n\n");

    [Fact]
    public void RaggedRow() => AssertTrainFails("data.csv line 3: expected 3 fields (as on line 1), got 2", "1,2,a\n3,4,b\n5,b\n6,7,a\n");

    [Fact]
    public void TextInAFeatureColumn() => AssertTrainFails("data.csv line 3, column \"x\": \"abc\" is not a number", "x,y,label\n1,2,a\nabc,4,b\n5,6,a\n7,8,b\n");

    [Fact]
    public void UnknownTargetColumn() =>
        AssertFails(BackpropCli.UsageError, "data.csv: unknown target column \"kind\"; the columns are \"x\", \"y\", \"label\"", ["train", "--data", Dir.File("data.csv", "x,y,label\n1,2,a\n3,4,b\n"), "--out", Dir.Path("model.safetensors"), "--target", "kind"]);

    [Fact]
    public void TargetWithOneClass() => AssertTrainFails("the target column 2 has only one class (\"a\")", "1,2,a\n3,4,a\n5,6,a\n");

    [Theory]
    [InlineData("NaN", "is not a finite number")]
    [InlineData("-Infinity", "is not a finite number")]
    [InlineData("inf", "is not a number")]
    public void NaNOrInfinity(string value, string why) =>
        AssertTrainFails($"data.csv line 3, column 1: \"{value}\" {why}", $"1,2,a\n3,4,b\n5,{value},a\n7,8,b\n");

    [Fact]
    public void MissingValuesAreRefusedByDefault() => AssertTrainFails("data.csv: 1 row(s) have missing values", "1,2,a\n3,?,b\n5,6,a\n7,8,b\n");

    [Fact]
    public void TestFileWithAnUnknownClass() =>
        AssertTrainFails("test.csv line 2, column 2: class \"c\" is not one of the training data's classes (a, b)", "1,2,a\n3,4,b\n5,6,a\n7,8,b\n5,6,a\n7,8,b\n",
            "--test", Dir.File("test.csv", "1,2,a\n3,4,c\n"));

    private string IrisModel()
    {
        string model = Dir.Path("iris.safetensors");
        BuiltInCommands.Train(BuiltInCommands.Iris, "--epochs", "2", "--out", model);
        return model;
    }

    [Fact]
    public void PredictWithOtherColumnNames()
    {
        string model = Dir.Path("quality.safetensors");
        BuiltInCommands.Train(BuiltInCommands.WineQuality, "--epochs", "2", "--out", model);
        string data = Dir.File("wrong.csv", "\"fixed acidity\";\"sugar\"\n7.4;0.7\n");
        AssertFails(BackpropCli.Failure, "wrong.csv: no column \"volatile acidity\"; the model needs \"fixed acidity\", \"volatile acidity\"", "predict", "--model", model, "--data", data);
    }

    [Fact]
    public void PredictWithTheWrongNumberOfColumns()
    {
        string model = IrisModel();
        string data = Dir.File("three.csv", "5.1,3.5,1.4\n");
        AssertFails(BackpropCli.Failure, "three.csv: 3 columns; the model was trained on 5 (or 4 without the target)", "predict", "--model", model, "--data", data);
    }

    [Fact]
    public void ModelFileThatIsNotOurs()
    {
        string model = Dir.File("notes.safetensors", "these are not tensors\n");
        AssertFails(BackpropCli.Failure, "notes.safetensors: not a safetensors file", "predict", "--model", model, "--data", RepoData.Path("iris/iris.data"));
        AssertFails(BackpropCli.Failure, "notes.safetensors: not a safetensors file", "info", "--model", model);
    }

    [Fact]
    public void SafetensorsFileWithoutOurMetadata()
    {
        string model = Dir.Path("torch.safetensors");
        using (var stream = File.Create(model))
            new Backprop.IO.SafetensorsFile([Backprop.IO.SafetensorsTensor.FromValues("weight", "F32", [1, 2], [1.0, 2.0])], new Dictionary<string, string> { ["format"] = "pt" })
                .Write(stream);
        AssertFails(BackpropCli.Failure, "no Backprop architecture", "evaluate", "--model", model, "--data", RepoData.Path("iris/iris.data"));
    }

    [Fact]
    public void TruncatedModelFile()
    {
        string model = IrisModel();
        var bytes = File.ReadAllBytes(model);
        File.WriteAllBytes(model, bytes[..(bytes.Length - 100)]);
        AssertFails(BackpropCli.Failure, "iris.safetensors", "evaluate", "--model", model, "--data", RepoData.Path("iris/iris.data"));
        AssertFails(BackpropCli.Failure, "iris.safetensors", "info", "--model", model);
    }

    [Fact]
    public void MissingModelFile() => AssertFails(BackpropCli.Failure, "none.safetensors: file not found", "info", "--model", Dir.Path("none.safetensors"));

    [Theory]
    [InlineData("--out")]
    [InlineData("--plot")]
    [InlineData("--plot-boundary")]
    public void TrainOutputInAMissingDirectory(string option)
    {
        string path = Path.Combine(Dir.Root, "no-such-dir", "out.file");
        AssertFails(BackpropCli.UsageError, $"{option} {path}: directory {Path.GetDirectoryName(path)} does not exist", "train", "--data", "moons", option, path);
    }

    [Fact]
    public void PredictAndEvaluateOutputInAMissingDirectory()
    {
        string model = IrisModel();
        string path = Path.Combine(Dir.Root, "no-such-dir", "out.file");
        AssertFails(BackpropCli.UsageError, $"--out {path}: directory", "predict", "--model", model, "--data", RepoData.Path("iris/iris.data"), "--out", path);
        AssertFails(BackpropCli.UsageError, $"--plot {path}: directory", "evaluate", "--model", model, "--data", RepoData.Path("iris/iris.data"), "--plot", path);
    }
}
