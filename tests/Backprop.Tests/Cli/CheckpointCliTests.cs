using System.Diagnostics;
using System.Globalization;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary><c>train --checkpoint-dir</c>, <c>--resume</c> and a real Ctrl+C or SIGTERM sent to a child <c>backprop train</c>.</summary>
public class CheckpointCliTests : TempDirTest
{
    private static readonly string[] Run =
        ["train", "--hidden", "8,6", "--dropout", "0.2", "--batch-norm", "--optimizer", "adam", "--lr", "0.01", "--schedule", "step", "--step-size", "1", "--seed", "4"];

    [Fact]
    public void AResumedRunSavesTheSameModelAsAStraightOne()
    {
        var straight = CliRun.Of([.. Run, "--epochs", "4", "--out", Dir.Path("straight.safetensors")]);
        Assert.Equal(0, straight.ExitCode);
        var first = CliRun.Of([.. Run, "--epochs", "2", "--checkpoint-dir", Dir.Path("ck"), "--keep", "2"]);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(2, CheckpointDirectory.Files(Dir.Path("ck")).Count);
        var resumed = CliRun.Of("train", "--resume", Dir.Path("ck"), "--epochs", "4", "--out", Dir.Path("resumed.safetensors"));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resuming from", resumed.Stdout);
        Assert.Contains("epoch 3/4", resumed.Stdout);
        Assert.DoesNotContain("epoch 1/4", resumed.Stdout);
        Assert.Equal(File.ReadAllBytes(Dir.Path("straight.safetensors")), File.ReadAllBytes(Dir.Path("resumed.safetensors")));
    }

    [Fact]
    public void TheRunsDigestIsComputedOnlyForCheckpoints()
    {
        int before = Backprop.Cli.Train.RunIdentity.DigestsOnThisThread;
        Assert.Equal(0, CliRun.Of("train", "--data", "iris", "--epochs", "1").ExitCode);
        Assert.Equal(before, Backprop.Cli.Train.RunIdentity.DigestsOnThisThread); // a SHA-256 of every row, unused without checkpoints
        Assert.Equal(0, CliRun.Of("train", "--data", "iris", "--epochs", "1", "--checkpoint-dir", Dir.Path("ck")).ExitCode);
        Assert.True(Backprop.Cli.Train.RunIdentity.DigestsOnThisThread > before);
    }

    [Fact]
    public void CheckpointSettingsNeedADirectory()
    {
        CliRun.Of("train", "--keep", "2").AssertOneLineError("--keep is a setting of --checkpoint-dir", 2);
        CliRun.Of("train", "--checkpoint-every", "0s").AssertOneLineError("--checkpoint-every must be a whole number", 2);
        CliRun.Of("train", "--resume", Dir.Path("nothing")).AssertOneLineError("no such checkpoint directory", 1);
        string file = Dir.File("notadir", "x"); // refused before the first epoch, not at the first checkpoint
        CliRun.Of("train", "--data", "xor", "--checkpoint-dir", file).AssertOneLineError($"--checkpoint-dir {file}: is a file; give a directory", 2);
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task ASignalEndsTheStepWritesACheckpointAndTheRunResumes(string signal, int code)
    {
        string dir = Dir.Path("ck");
        var start = new ProcessStartInfo(DotNet(), [Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"),
            "train", "--hidden", "8", "--epochs", "1000000", "--checkpoint-dir", dir, "--checkpoint-every", "1000"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        while (child.StandardOutput.ReadLine() is { } line)
        {
            lines.Add(line);
            if (line.StartsWith("epoch", StringComparison.Ordinal)) break;
        }
        using (var kill = Process.Start("kill", [$"-{signal}", child.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        string rest = child.StandardOutput.ReadToEnd();
        Assert.True(child.WaitForExit(20_000), "the child did not exit after the signal");
        Assert.True(code == child.ExitCode, $"exit {child.ExitCode}; stdout {rest}; stderr {await stderr}");
        Assert.Contains($"resume with: backprop train --resume {dir}", rest);
        var checkpoint = CheckpointDirectory.Newest(dir);
        Assert.True(checkpoint.Step > 0, "the checkpoint is of the interrupted step, mid-epoch");

        var resumed = CliRun.Of("train", "--resume", dir, "--epochs", (checkpoint.Epoch + 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains($"epoch {checkpoint.Epoch + 1}/{checkpoint.Epoch + 1}", resumed.Stdout);
    }

    [Fact]
    public async Task SighupDuringTrainOutSavesTheModelAndLeavesNoTemporary()
    {
        string model = Dir.Path("m.safetensors");
        var start = new ProcessStartInfo(DotNet(), [Path.Combine(AppContext.BaseDirectory, "Backprop.Cli.dll"),
            "train", "--hidden", "8", "--epochs", "1000000", "--out", model])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        while (child.StandardOutput.ReadLine() is { } line)
            if (line.StartsWith("epoch", StringComparison.Ordinal)) break;
        using (var kill = Process.Start("kill", ["-HUP", child.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        string rest = child.StandardOutput.ReadToEnd();
        Assert.True(child.WaitForExit(20_000), "the child did not exit after the signal");
        Assert.True(child.ExitCode == 129, $"exit {child.ExitCode}; stdout {rest}; stderr {await stderr}");
        Assert.Contains($"interrupted by SIGHUP at epoch ", rest);
        Assert.Contains($"model saved to {model}", rest);
        Assert.Equal(0, CliRun.Of("info", "--model", model).ExitCode);
        Assert.Equal(["m.safetensors"], Dir.Files);
    }

    private static string DotNet() => Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
