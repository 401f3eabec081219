using System.Xml.Linq;
using Backprop.Cli.Train;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>
/// What the native <c>backprop train --data iris</c> no longer pays for (docs/performance.md, "The native tool"): 128-bit kernels
/// with a software fused multiply-add (the ahead-of-time compiler's default x64 target), and a SHA-256 digest of every row (which
/// loads OpenSSL) in a run that neither writes nor resumes a checkpoint; and, on Linux, relocating and expanding the binary's data at start.
/// </summary>
public class NativeToolCostTests
{
    /// <summary>The x64 native tool is compiled for AVX2 and FMA (x86-64-v3 or above), so its kernels take the 256-bit path with fused multiply-adds.</summary>
    [Fact]
    public void TheX64NativeToolAssumesAvx2AndFma()
    {
        var project = XDocument.Load(Path.Combine(RepoData.RepositoryRoot, "src", "Backprop.Cli", "Backprop.Cli.csproj"));
        var sets = project.Descendants("IlcInstructionSet").ToList();
        var x64 = Assert.Single(sets, s => ((string?)s.Attribute("Condition") ?? "").Contains("x64", StringComparison.Ordinal));
        Assert.Contains(x64.Value.Trim(), new[] { "x86-64-v3", "x86-64-v4" });
    }

    /// <summary>On Linux the native tool is linked at a fixed address with its type data stored ready: a position-independent, dehydrated
    /// binary spent most of its start relocating and expanding data (about 900 page faults, 15 ms of `--version`).</summary>
    [Theory]
    [InlineData("PositionIndependentExecutable")]
    [InlineData("IlcDehydrate")]
    public void TheLinuxNativeToolNeedsNoRelocationOrExpansionAtStart(string property)
    {
        var project = XDocument.Load(Path.Combine(RepoData.RepositoryRoot, "src", "Backprop.Cli", "Backprop.Cli.csproj"));
        var set = Assert.Single(project.Descendants(property));
        Assert.Contains("linux-", (string?)set.Attribute("Condition") ?? "", StringComparison.Ordinal);
        Assert.Equal("false", set.Value.Trim());
    }

    [Fact]
    public void ARunWithoutCheckpointsNeedsNoIdentity() => Assert.False(RunIdentity.Needed(new CheckpointArguments()));

    [Fact]
    public void ARunThatWritesCheckpointsNeedsItsIdentity() => Assert.True(RunIdentity.Needed(new CheckpointArguments { Directory = "ck" }));
}
