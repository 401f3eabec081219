using Backprop.Nn;
using Backprop.Optim;
using Backprop.Training;
using Backprop.Tests.Support;

namespace Backprop.Tests.Training;

/// <summary>Checkpoint rotation deletes only the checkpoints of its own run, and a fresh run does not share a directory with another.</summary>
public class CheckpointRotationTests : TempDirTest
{
    private string Fit(string directory, int epochs)
    {
        var model = Mlp.Create<float>([3, 4, 3], Activation.Relu, seed: 5);
        Trainer.Fit(model, new CrossEntropy(), new Sgd<float>(model.Parameters(), 0.05), ResumeTests.Data(),
            new TrainOptions { Epochs = epochs, BatchSize = 8, Checkpoints = new CheckpointOptions(directory) });
        return directory;
    }

    [Fact]
    public void RotationKeepsAnotherRunsCheckpoints()
    {
        string a = Fit(Dir.Path("a"), 2), b = Fit(Dir.Path("b"), 2);
        string copied = Path.Combine(b, "checkpoint-e000009-s000000.safetensors"); // sorts after b's own: rotation would delete it as "abandoned"
        File.Copy(CheckpointDirectory.Files(a)[0], copied);
        string strange = Path.Combine(b, "checkpoint-e000001-s000000-notes.safetensors");
        File.WriteAllText(strange, "not a checkpoint");
        var own = Checkpoint.Load(CheckpointDirectory.Files(b)[0]);
        CheckpointDirectory.Write(b, own, keep: 1);
        Assert.True(File.Exists(copied));
        Assert.True(File.Exists(strange));
        Assert.Equal(2, CheckpointDirectory.Files(b).Count); // its own newest, and the other run's
    }

    [Fact]
    public void AFreshRunRefusesADirectoryOfAnotherRunAndTheLockIsReleased()
    {
        string a = Fit(Dir.Path("a"), 1);
        var e = Assert.Throws<Errors.BackpropException>(() => Fit(a, 1));
        Assert.Contains("holds checkpoints of another run", e.Message);
        Assert.False(File.Exists(Path.Combine(a, CheckpointLock.FileName)));
        using var held = CheckpointLock.Acquire(a);
        Assert.Contains("is in use by another run", Assert.Throws<Errors.BackpropException>(() => CheckpointLock.Acquire(a)).Message);
    }
}
