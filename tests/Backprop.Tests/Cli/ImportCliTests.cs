using System.Globalization;
using Backprop.Tests.IO;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary><c>backprop import --torch</c> on a file in PyTorch's layout, then predict, evaluate and info from the command line.</summary>
public sealed class ImportCliTests : TempDirTest
{
    private readonly double[][,] _w;
    private readonly double[][] _b;
    private readonly string _torch;

    public ImportCliTests()
    {
        var r = new Random(11);
        _w = [TorchImportTests.Matrix(r, 6, 3), TorchImportTests.Matrix(r, 3, 6)];
        _b = [TorchImportTests.Vector(r, 6), TorchImportTests.Vector(r, 3)];
        _torch = Dir.Path("torch.safetensors");
        File.WriteAllBytes(_torch, TorchStateDict.Bytes(TorchStateDict.Sequential(_w, _b)));
    }

    private static readonly double[][] Rows = [[0.5, -1, 2], [1.5, 0.25, -0.75], [-2, 1, 0]];

    private string Import(params string[] more)
    {
        string model = Dir.Path("m.safetensors");
        var run = CliRun.Of(["import", "--torch", _torch, "--layers", "3-6-3", "--activation", "tanh", "--out", model, .. more]);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        return model;
    }

    [Fact]
    public void ImportedFilePredictsFromACsvAsTheReferenceForward()
    {
        string model = Import("--classes", "low,mid,high", "--features", "a,b,c", "--target", "level");
        // columns in another order than the inputs, and the target column present: the header names them
        var csv = Dir.File("rows.csv", "c,level,a,b\n" + string.Join("\n", Rows.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x[2]},mid,{x[0]},{x[1]}"))) + "\n");
        var run = CliRun.Of("predict", "--model", model, "--data", csv);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("line,predicted,p_low,p_mid,p_high", run.StdoutLines[0]);
        string[] names = ["low", "mid", "high"];
        for (int i = 0; i < Rows.Length; i++)
        {
            var p = TorchImportTests.Softmax(TorchImportTests.Forward(Rows[i], _w, _b, Math.Tanh));
            var fields = run.StdoutLines[i + 1].Split(',');
            Assert.Equal((i + 2).ToString(CultureInfo.InvariantCulture), fields[0]);
            Assert.Equal(names[Array.IndexOf(p, p.Max())], fields[1]);
            for (int k = 0; k < 3; k++) Assert.Equal(p[k], double.Parse(fields[2 + k], CultureInfo.InvariantCulture), 2e-6);
        }
        // evaluate reads the layout's own order: the features, then the target
        var labelled = Dir.File("labelled.csv", "a,b,c,level\n" + string.Join("\n", Rows.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x[0]},{x[1]},{x[2]},mid"))) + "\n");
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", labelled);
        Assert.Equal("", evaluate.Stderr);
        Assert.Equal(0, evaluate.ExitCode);
        Assert.StartsWith("evaluate m.safetensors on labelled.csv: 3 examples", evaluate.StdoutLines[0]);
    }

    [Fact]
    public void ImportSaysWhatItWroteAndInfoShowsNoScaler()
    {
        string model = Dir.Path("m.safetensors");
        var run = CliRun.Of("import", "--torch", _torch, "--layers", "3-6-3", "--activation", "tanh", "--out", model);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"wrote {model}: 3-6-3 (tanh, identity; loss softmax_ce), classes 0, 1, 2; no column layout (predict and evaluate read a headerless comma-separated file of one column per input, then the target; give --features to read columns by name); "
            + "no scaler: the model takes features as the PyTorch network did", run.StdoutLines.Single());
        var info = CliRun.Of("info", "--model", model).StdoutLines;
        Assert.Contains("architecture  Sequential(Linear(3, 6), Tanh(), Linear(6, 3))", info);
        Assert.Contains("scaler        none: the model takes the features as they are", info);
        Assert.Contains("training      imported_from PyTorch state dict torch.safetensors", info);
    }

    [Theory]
    [InlineData("F64", "(F64, ")]
    [InlineData("F16", "(F32 from F16, ")]
    public void InfoShowsTheDtypeOfTheValuesNotOfTheBatchNormCount(string stored, string shown)
    {
        var torch = Dir.Path("bn.safetensors");
        File.WriteAllBytes(torch, TorchImportTests.BatchNormStateDict(stored));
        Assert.Contains(shown, CliRun.Of("info", "--model", torch).StdoutLines[0]);
        string model = Dir.Path("m.safetensors");
        Assert.Equal(0, CliRun.Of("import", "--torch", torch, "--layers", "2-3-2", "--batch-norm", "--task", "regression", "--out", model).ExitCode);
        Assert.StartsWith($"model         {model} ({(stored == "F64" ? "F64" : "F32")}, ", CliRun.Of("info", "--model", model).StdoutLines[0]);
    }

    [Fact]
    public void AModelWithoutAColumnLayoutReadsAHeaderlessFileByPosition()
    {
        // As import --help promises: one column per input (predict), then the target (evaluate); before, both were refused.
        string model = Import("--classes", "low,mid,high");
        var predict = CliRun.Of("predict", "--model", model, "--data", Dir.File("rows.csv", "1,2,3\n4,5,6\n"));
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(3, predict.StdoutLines.Length);
        var evaluate = CliRun.Of("evaluate", "--model", model, "--data", Dir.File("labelled.csv", "1,2,3,low\n4,5,6,high\n"));
        Assert.Equal(0, evaluate.ExitCode);
        Assert.StartsWith("evaluate m.safetensors on labelled.csv: 2 examples", evaluate.StdoutLines[0]);
        CliRun.Of("predict", "--model", model, "--data", Dir.File("short.csv", "1,2\n")).AssertOneLineError("short.csv: 2 columns; the model was trained on 4 (or 3 without the target).", 1);
    }

    [Fact]
    public void RefusalsAreOneLineAndWriteNothing()
    {
        string model = Dir.Path("m.safetensors");
        CliRun.Of("import", "--torch", _torch, "--layers", "3-6-6-3", "--out", model).AssertOneLineError(
            $"error: {_torch}: tensor \"2.weight\" (layer2.w) has shape [3, 6]; the architecture 3-6-6-3 (relu, relu, identity; loss softmax_ce) needs [6, 6] ([out, in]); "
            + "the file's Linear weights chain as 3-6-3 (--layers 3-6-3).", 1);
        CliRun.Of("import", "--torch", _torch, "--layers", "3-6-3", "--classes", "a,b", "--out", model).AssertOneLineError(
            "error: 2 class names for 3 outputs (the last layer size); give one name per output.", 2);
        CliRun.Of("import", "--torch", _torch, "--layers", "3-6-3", "--task", "regression", "--features", "a,b,c", "--out", model).AssertOneLineError(
            "error: feature names make a column layout, which has one target column, but this regression has 3 outputs", 2);
        CliRun.Of("import", "--torch", _torch, "--layers", "3-x-3", "--out", model).AssertOneLineError("--layers: size 1 is 'x'", 2);
        CliRun.Of("import", "--torch", _torch, "--layers", "3-6-3", "--task", "ordinal", "--out", model).AssertOneLineError("--task must be one of classification, binary, regression", 2);
        CliRun.Of("import", "--torch", _torch, "--layers", "3-6-3", "--out", _torch).AssertOneLineError("would destroy the input", 2);
        Assert.Equal(["torch.safetensors"], Dir.Files);
    }
}
