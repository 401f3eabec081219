using System.Text;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Tests.Support;

namespace Backprop.Tests.IO;

/// <summary>Removes every pending temporary file of the process, so no other test may stage one meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PendingTemporariesCollection
{
    public const string Name = "Pending temporaries (process-wide)";
}

[Collection(PendingTemporariesCollection.Name)]
public class OutputTransactionTests : TempDirTest
{
    private static Action<Stream> Text(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));

    private string[] Temporaries => [.. Dir.Files.Where(f => f.EndsWith(".tmp", StringComparison.Ordinal))];

    [Fact]
    public void NothingIsReplacedUntilEveryFileIsStagedAndCommitted()
    {
        string a = Dir.File("a.txt", "old a"), b = Dir.File("b.txt", "old b");
        using (var run = OutputTransaction.Begin())
        {
            AtomicFile.Write(a, Text("new a"));
            AtomicFile.Write(b, Text("new b"));
            Assert.Equal("old a", File.ReadAllText(a));
            Assert.Equal(2, Temporaries.Length);
            run.Commit();
        }
        Assert.Equal("new a", File.ReadAllText(a));
        Assert.Equal("new b", File.ReadAllText(b));
        Assert.Empty(Temporaries);
    }

    [Fact]
    public void DisposedWithoutCommitLeavesTheOldFilesAndNoTemporary()
    {
        string a = Dir.File("a.txt", "old a");
        using (OutputTransaction.Begin())
        {
            AtomicFile.Write(a, Text("new a"));
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(Dir.Path("b.txt"), _ => throw new InvalidOperationException("the second output failed")));
        }
        Assert.Equal("old a", File.ReadAllText(a));
        Assert.Equal(["a.txt"], Dir.Files);
        Assert.Null(OutputTransaction.Current);
    }

    [Fact]
    public void RemovePendingTemporariesRemovesAStagedFile()
    {
        string target = Dir.File("model.bin", "old");
        using var run = OutputTransaction.Begin();
        run.Stage(target, Text("new"));
        Assert.Single(Temporaries);
        AtomicFile.RemovePendingTemporaries();
        Assert.Empty(Temporaries);
        Assert.Equal("old", File.ReadAllText(target));
    }

    [Fact]
    public void ReservedTemporaryIsCommittedWithTheRest()
    {
        string log = Dir.Path("log.csv");
        using var run = OutputTransaction.Begin();
        string temp = run.Reserve(log, filled: true);
        File.AppendAllText(temp, "epoch,loss\n");
        Assert.False(File.Exists(log));
        Assert.Equal(log, run.UserPathOf(temp));
        run.Commit();
        Assert.Equal("epoch,loss\n", File.ReadAllText(log));
    }

    [Fact]
    public void AReservationNeverWrittenLeavesItsTargetAsItWas()
    {
        string plot = Dir.File("curves.png", "old");
        using var run = OutputTransaction.Begin();
        string temp = run.Reserve(plot);
        run.Commit();
        Assert.Equal("old", File.ReadAllText(plot));
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public void WriteNowRenamesAtOnceInsideATransaction()
    {
        string checkpoint = Dir.Path("checkpoint.safetensors");
        using var run = OutputTransaction.Begin();
        AtomicFile.WriteNow(checkpoint, s => s.WriteByte(7));
        Assert.Equal([7], File.ReadAllBytes(checkpoint));
        Assert.Same(run, OutputTransaction.Current);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void NamesNear255BytesAreWrittenThroughAShortenedTemporary(int bytesPerChar)
    {
        string letter = bytesPerChar switch { 1 => "a", 2 => "é", _ => "😀" };
        string name = string.Concat(Enumerable.Repeat(letter, (AtomicFile.MaxNameBytes - ".bin".Length) / bytesPerChar)) + ".bin";
        Assert.True(Encoding.UTF8.GetByteCount(name) > AtomicFile.MaxNameBytes - 8);
        string temp = AtomicFile.TemporaryName(name);
        Assert.True(Encoding.UTF8.GetByteCount(temp) <= AtomicFile.MaxNameBytes, temp);
        _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(temp); // cut at a whole character: no half surrogate pair
        AtomicFile.Write(Dir.Path(name), Text("fine"));
        Assert.Equal("fine", File.ReadAllText(Dir.Path(name)));
        Assert.Equal([name], Dir.Files);
    }

    [Fact]
    public void TheTemporariesOfAKilledRunAreRemovedByTheNextRunThatWritesThere()
    {
        // A run killed outright (SIGKILL) leaves its temporary: process int.MaxValue is none. A live process's temporary (this one's,
        // another file's, a file merely named like one) is left.
        string stale = Dir.File(AtomicFile.TemporaryName("model.safetensors", int.MaxValue), "half a model");
        string live = Dir.File(AtomicFile.TemporaryName("model.safetensors"), "being written");
        string other = Dir.File(AtomicFile.TemporaryName("log.csv", int.MaxValue), "another file's");
        string mine = Dir.File(".model.safetensors.notes.tmp", "the user's");
        AtomicFile.Write(Dir.Path("model.safetensors"), Text("whole"));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live) && File.Exists(other) && File.Exists(mine));
        Assert.Equal("whole", File.ReadAllText(Dir.Path("model.safetensors")));
    }

    [Fact]
    public void AFullDeviceIsNamedNotTheTemporary()
    {
        if (!File.Exists("/dev/full")) return; // Linux only
        var e = Assert.Throws<BackpropException>(() => AtomicFile.Write("/dev/full", Text("more than fits")));
        Assert.Equal("cannot write /dev/full: no space left on the device", e.Message);
    }
}
