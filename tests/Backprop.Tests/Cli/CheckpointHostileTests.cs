using System.Diagnostics;
using System.Globalization;
using Backprop.IO;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Cli;

/// <summary><c>train --resume</c> of checkpoints built by an attacker, copied, shared or stale: nothing written outside the run, nothing silently wrong.</summary>
public class CheckpointHostileTests : TempDirTest
{
    private static readonly string[] Run = ["train", "--data", "xor", "--hidden", "4", "--batch-size", "50"];

    private string Train(string directory, int epochs = 1, params string[] more)
    {
        var run = CliRun.Of([.. Run, "--epochs", epochs.ToString(CultureInfo.InvariantCulture), "--checkpoint-dir", directory, .. more]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return CheckpointDirectory.Files(directory)[^1];
    }

    [Fact]
    public void AHostileCheckpointWritesNothingItNames()
    {
        string ck = Dir.Path("ck");
        string newest = Train(ck);
        Directory.CreateDirectory(Dir.Path("victim"));
        Directory.CreateDirectory(Dir.Path("other"));
        string notes = Dir.File("victim/notes.txt", "mine");
        string foreign = Dir.File("other/checkpoint-e000001-s000000.safetensors", "someone's file");
        HostileCheckpoint.AddArguments(newest, "--out", notes, "--plot", Dir.Path("victim/plot.png"), "--log-csv", Dir.Path("victim/log.csv"),
            "--checkpoint-dir", Dir.Path("other"), "--keep", "1");

        var resumed = CliRun.Of("train", "--resume", ck, "--epochs", "3");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains("the resumed run also wrote --out, --plot, --log-csv; this run writes only the outputs its own command line names", resumed.Stdout);
        Assert.Equal("mine", File.ReadAllText(notes));
        Assert.Equal(["notes.txt"], Directory.GetFiles(Dir.Path("victim")).Select(Path.GetFileName));
        Assert.Equal("someone's file", File.ReadAllText(foreign));
        Assert.Single(Directory.GetFiles(Dir.Path("other")));
        Assert.EndsWith("checkpoint-e000004-s000000.safetensors", CheckpointDirectory.Files(ck)[^1]); // it went on in the directory resumed
    }

    [Fact]
    public void ResumingACopyWritesIntoTheCopy()
    {
        string main = Dir.Path("main-run"), backup = Dir.Path("backup");
        Train(main, 1, "--out", Dir.Path("main-run.safetensors"));
        Directory.CreateDirectory(backup);
        foreach (var f in Directory.GetFiles(main)) File.Copy(f, Path.Combine(backup, Path.GetFileName(f)));
        var before = Directory.GetFiles(main).ToDictionary(f => f, File.ReadAllBytes);
        var modelBefore = File.ReadAllBytes(Dir.Path("main-run.safetensors"));

        var resumed = CliRun.Of("train", "--resume", backup, "--epochs", "2");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(main).Order());
        foreach (var (f, bytes) in before) Assert.Equal(bytes, File.ReadAllBytes(f));
        Assert.Equal(modelBefore, File.ReadAllBytes(Dir.Path("main-run.safetensors")));
        Assert.EndsWith("checkpoint-e000003-s000000.safetensors", CheckpointDirectory.Files(backup)[^1]);
    }

    [Fact]
    public void ADirectoryInUseIsRefusedNamingItsRunAndAStaleLockIsTakenOver()
    {
        string ck = Dir.Path("ck");
        Directory.CreateDirectory(ck);
        string lockFile = Path.Combine(ck, CheckpointLock.FileName);
        File.WriteAllText(lockFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)); // a live process holds it
        Refused(CliRun.Of([.. Run, "--epochs", "1", "--checkpoint-dir", ck]),
            $"{ck}: is in use by another run (process {Environment.ProcessId}, lock file {lockFile})", 2);
        Assert.Empty(CheckpointDirectory.Files(ck));

        using (var gone = Process.Start("true")!) { gone.WaitForExit(); File.WriteAllText(lockFile, gone.Id.ToString(CultureInfo.InvariantCulture)); }
        Train(ck);
        Assert.False(File.Exists(lockFile), "the run releases its lock");
    }

    [Fact]
    public void AFreshRunInAnotherRunsDirectoryIsRefused()
    {
        string ck = Dir.Path("ck");
        string first = Train(ck);
        Refused(CliRun.Of([.. Run, "--epochs", "1", "--checkpoint-dir", ck]), $"{ck}: holds checkpoints of another run", 2);
        Assert.Equal([first], CheckpointDirectory.Files(ck));
    }

    [Fact]
    public void RotationLeavesFilesItDidNotWrite()
    {
        string ck = Dir.Path("ck");
        Directory.CreateDirectory(ck);
        string data = Dir.File("ck/checkpoint-edata.safetensors", "a data file under a checkpoint-like name");
        Train(ck, 3, "--keep", "1");
        Assert.True(File.Exists(data));
        Assert.Single(CheckpointDirectory.Files(ck));
    }

    [Fact]
    public void ChangedDataIsRefusedNamingItUnlessResumeAnyway()
    {
        string csv = Dir.File("data.csv", Csv(scale: 1, shift: 0));
        string ck = Dir.Path("ck");
        var first = CliRun.Of("train", "--data", csv, "--hidden", "4", "--epochs", "1", "--checkpoint-dir", ck);
        Assert.True(first.ExitCode == 0, first.Stderr);
        File.WriteAllText(csv, Csv(scale: 100, shift: 1)); // same rows, features x100, labels rotated

        var refused = CliRun.Of("train", "--resume", ck, "--epochs", "2");
        refused.AssertOneLineError("this run differs from the checkpoint's: data: '40 rows x 2, sha256 ", 2);
        Assert.Contains("--resume-anyway", refused.Stderr);
        var anyway = CliRun.Of("train", "--resume", ck, "--epochs", "2", "--resume-anyway");
        Assert.True(anyway.ExitCode == 0, anyway.Stderr);
        Assert.Contains("resuming anyway: data: ", anyway.Stdout);
    }

    [Fact]
    public void AnotherSeedOrSplitIsRefused() // the split redrawn under weights trained on the first one would leak test rows into training
    {
        string ck = Dir.Path("ck");
        Train(ck);
        CliRun.Of("train", "--resume", ck, "--epochs", "2", "--seed", "2").AssertOneLineError("seed: '1' in the checkpoint's run, '2' now", 2);
        CliRun.Of("train", "--resume", ck, "--epochs", "2", "--validation", "0.3").AssertOneLineError("split: 'validation ", 2);
        CliRun.Of("train", "--resume", ck, "--epochs", "2", "--test-fraction", "0.5").AssertOneLineError("split: ", 2);
        var same = CliRun.Of("train", "--resume", ck, "--epochs", "2", "--seed", "1");
        Assert.True(same.ExitCode == 0, same.Stderr);
    }

    [Fact]
    public void ACheckpointWithoutIdentityNeedsResumeAnyway()
    {
        string ck = Dir.Path("ck");
        HostileCheckpoint.Rewrite(Train(ck), meta => meta.Remove("user.run_identity"));
        CliRun.Of("train", "--resume", ck, "--epochs", "2").AssertOneLineError("records no digest of its data", 2);
        Assert.Equal(0, CliRun.Of("train", "--resume", ck, "--epochs", "2", "--resume-anyway").ExitCode);
        CliRun.Of([.. Run, "--resume-anyway"]).AssertOneLineError("--resume-anyway is a setting of --resume", 2);
    }

    [Theory]
    [InlineData("step", "1000", "step 1000 does not lie in an epoch of 3 steps")]
    [InlineData("seen", "1000", "\"seen\" is 1000")]
    [InlineData("correct", "-1", "\"correct\" is -1")]
    [InlineData("skipped", "7", "\"skipped\" is 7")]
    [InlineData("loss_sum", "NaN", "\"loss_sum\" is NaN")]
    [InlineData("optim.steps", "-5", "\"optim.steps\" is -5")]
    [InlineData("epoch", "2147483647", "position epoch 2147483647")]
    public void AnEditedCounterIsRefused(string key, string value, string message)
    {
        string ck = Dir.Path("ck");
        HostileCheckpoint.Rewrite(Train(ck, 1, "--checkpoint-every", "1s", "--keep", "1"), meta => meta[key] = value);
        Refused(CliRun.Of("train", "--resume", ck, "--epochs", "2"), message, 1);
    }

    [Fact]
    public void AnOrderThatIsNoPermutationIsRefused()
    {
        string ck = Dir.Path("ck");
        HostileCheckpoint.Rewrite(Train(ck, 1, "--checkpoint-every", "1s", "--keep", "1"), _ => { },
            t => t.Name == "order" ? t with { Data = new byte[t.Data.Length] } : t); // all zeros
        Refused(CliRun.Of("train", "--resume", ck, "--epochs", "2"), "the shuffled order names row 0 twice (again at position 1)", 1);
    }

    // Refused with one line on standard error (the run's header may come first: the library checks when training begins).
    private static void Refused(CliRun run, string message, int code)
    {
        Assert.Equal(code, run.ExitCode);
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
    }

    private static string Csv(double scale, int shift) => "a,b,label\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"{(i % 7) * scale},{(i % 5) * scale},{"xyz"[(i + shift) % 3]}\n")));
}
