using System.CommandLine;
using System.Globalization;
using Backprop.Cli;
using Backprop.Tests.IO;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary>No file is lost: outputs that collide with inputs or each other are refused before any work, a failed run replaces nothing, and write failures are one line naming the user's path.</summary>
[Collection(PendingTemporariesCollection.Name)]
public class OutputSafetyTests : TempDirTest
{
    private const string Rows = "x,y,label\n0,0,a\n1,1,b\n0,1,a\n1,0,b\n0.1,0.2,a\n0.9,0.8,b\n0.2,0.1,a\n0.8,0.9,b\n0.3,0.3,a\n0.7,0.7,b\n";

    private string Model()
    {
        string model = Dir.Path("m.safetensors");
        Assert.Equal(0, CliRun.Of("train", "--data", Dir.File("d.csv", Rows), "--epochs", "1", "--out", model).ExitCode);
        return model;
    }

    private static void AssertOneErrorLine(CliRun run, int code, string message)
    {
        Assert.Equal(code, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.Equal("error: " + message, line);
    }

    [Theory]
    [InlineData("--plot")]
    [InlineData("--plot-boundary")]
    [InlineData("--log-csv")]
    public void TrainOutputsMayNotShareAFile(string option)
    {
        string path = Dir.Path("same.file");
        CliRun.Of("train", "--epochs", "1", "--out", path, option, path).AssertOneLineError($"--out and {option} both name {path}; give each its own file", 2);
        Assert.Empty(Dir.Files);
    }

    [Fact]
    public void TrainOutputMayNotBeTheDataFile()
    {
        string data = Dir.File("d.csv", Rows);
        CliRun.Of("train", "--data", data, "--out", data).AssertOneLineError($"--data and --out both name {data}; writing --out would destroy the input", 2);
        Assert.Equal(Rows, File.ReadAllText(data));
    }

    [Fact]
    public void PredictOutputMayNotBeTheModelReadEvenThroughALink()
    {
        string model = Model();
        byte[] before = File.ReadAllBytes(model);
        string link = Dir.Path("link.safetensors");
        File.CreateSymbolicLink(link, model);
        CliRun.Of("predict", "--model", model, "--data", Dir.Path("d.csv"), "--out", model)
            .AssertOneLineError($"--model and --out both name {model}; writing --out would destroy the input", 2);
        CliRun.Of("predict", "--model", model, "--data", Dir.Path("d.csv"), "--out", link)
            .AssertOneLineError($"--model {model} and --out {link} are the same file", 2);
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void AHardLinkToTheModelReadIsTheSameFile()
    {
        string model = Model();
        byte[] before = File.ReadAllBytes(model);
        string hard = Dir.Path("hard.safetensors");
        using (var ln = System.Diagnostics.Process.Start("ln", [model, hard])) ln.WaitForExit();
        Assert.True(File.Exists(hard));
        CliRun.Of("predict", "--model", model, "--data", Dir.Path("d.csv"), "--out", hard)
            .AssertOneLineError($"--model {model} and --out {hard} are the same file", 2);
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    [Fact]
    public void PredictOutputMayNotBeItsInput()
    {
        string model = Model(), data = Dir.Path("d.csv");
        CliRun.Of("predict", "--model", model, "--data", data, "--out", data).AssertOneLineError($"--data and --out both name {data}", 2);
        CliRun.Of("evaluate", "--model", model, "--data", data, "--plot", model).AssertOneLineError($"--model and --plot both name {model}", 2);
        Assert.Equal(Rows, File.ReadAllText(data));
    }

    [Fact]
    public void AFailingPlotLeavesTheOldModelAndLogUntouched()
    {
        if (!File.Exists("/dev/full")) return; // a device that refuses every write: Linux
        string model = Model();
        byte[] before = File.ReadAllBytes(model);
        var run = CliRun.Of("train", "--data", Dir.Path("d.csv"), "--epochs", "3", "--seed", "7", "--out", model, "--log-csv", Dir.Path("log.csv"), "--plot", "/dev/full");
        AssertOneErrorLine(run, 1, "cannot write /dev/full: no space left on the device");
        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.Equal(["d.csv", "m.safetensors"], Dir.Files); // no log, no temporary file
    }

    [Fact]
    public void TheEpochLogAppearsWithTheModel()
    {
        var run = CliRun.Of("train", "--data", Dir.File("d.csv", Rows), "--epochs", "2", "--out", Dir.Path("m.safetensors"), "--log-csv", Dir.Path("log.csv"));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, File.ReadAllLines(Dir.Path("log.csv")).Length);
        Assert.Contains("log " + Dir.Path("log.csv"), run.Stdout);
        Assert.Equal(["d.csv", "log.csv", "m.safetensors"], Dir.Files);
    }

    [Fact]
    public void AModelNameNear255BytesSaves()
    {
        string name = new string('é', 119) + ".safetensors"; // 250 bytes in UTF-8
        var run = CliRun.Of("train", "--epochs", "1", "--out", Dir.Path(name));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal([name], Dir.Files);
    }

    [Fact]
    public void AnUnwritableDirectoryIsOneLineBeforeTraining()
    {
        string path = Path.Combine(UnwritableDirectory(), "m.safetensors");
        CliRun.Of("train", "--epochs", "1", "--out", path).AssertOneLineError($"cannot write {path}: permission denied", 1);
    }

    [Fact]
    public void AFullDeviceIsOneLineNamingIt()
    {
        if (!File.Exists("/dev/full")) return;
        var run = CliRun.Of("predict", "--model", Model(), "--data", Dir.Path("d.csv"), "--out", "/dev/full");
        run.AssertOneLineError("cannot write /dev/full: no space left on the device", 1);
    }

    // A directory no new file can be made in: read-only for its owner, or (for root, whom permissions do not stop) sysfs.
    private string UnwritableDirectory()
    {
        string locked = Dir.Path("locked");
        Directory.CreateDirectory(locked);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            File.WriteAllText(Path.Combine(locked, "probe"), "");
            File.Delete(Path.Combine(locked, "probe"));
            return "/sys";
        }
        catch (UnauthorizedAccessException) { return locked; }
    }

    [Fact]
    public void AnUnexpectedExceptionIsOneLineWithoutDotNetText()
    {
        var root = new Command("backprop");
        var broken = new Command("broken");
        broken.SetAction(_ => new Dictionary<int, int> { [1] = 1 }.Add(1, 2));
        root.Subcommands.Add(broken);
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = BackpropCli.Run(root, ["broken"], stdout, stderr);
        var run = new CliRun(code, stdout.ToString(), stderr.ToString());
        run.AssertOneLineError("internal error (ArgumentException) in 'backprop broken'; please report it", 1);
        Assert.DoesNotContain("same key", run.Stderr);
    }

    [Fact]
    public void BatchNormWithBatchesOfOneIsAUsageError() =>
        CliRun.Of("train", "--batch-norm", "--batch-size", "1", "--epochs", "1")
            .AssertOneLineError("--batch-norm needs at least 2 rows per batch to compute a variance; --batch-size is 1", 2);

    [Fact]
    public void ABadSpecFileExitsOneLikeEveryBadFile() =>
        CliRun.Of("explain", "--spec", Dir.File("bad.json", "{bad")).AssertOneLineError("bad.json: malformed JSON", 1);
}
