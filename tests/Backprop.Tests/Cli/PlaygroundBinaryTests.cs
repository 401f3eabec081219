using System.Xml.Linq;
using Backprop.Cli.Common;
using Backprop.Cli.Playground;
using Backprop.Tests.Data;

namespace Backprop.Tests.Cli;

/// <summary>
/// The native <c>backprop</c> is compiled without the playground (ASP.NET Core), which runs from <c>backprop-playground</c> beside it
/// (docs/performance.md, "The native tool"): JIT builds keep it in process; the project sets the switch for the ahead-of-time compiler
/// only and publishes the second binary; a missing one is a clear error.
/// </summary>
public class PlaygroundBinaryTests
{
    [Fact]
    public void JitBuildsServeThePlaygroundInProcess() => Assert.True(PlaygroundBinary.InProcess);

    [Fact]
    public void TheNativeBuildCompilesThePlaygroundOutAndPublishesItsBinary()
    {
        var project = XDocument.Load(Path.Combine(RepoData.RepositoryRoot, "src", "Backprop.Cli", "Backprop.Cli.csproj"));
        var targets = project.Descendants("Target").ToDictionary(t => (string)t.Attribute("Name")!);
        var feature = Assert.Single(targets["PlaygroundInItsOwnBinary"].Descendants("IlcArg"));
        Assert.Equal($"--feature:{PlaygroundBinary.InProcessSwitch}=false", (string?)feature.Attribute("Include"));
        Assert.Equal("WriteIlcRspFileForCompilation", (string?)targets["PlaygroundInItsOwnBinary"].Attribute("BeforeTargets"));
        var published = Assert.Single(targets["PublishPlaygroundBinary"].Descendants("ResolvedFileToPublish"));
        Assert.Equal("$(_PlaygroundExe)", (string?)published.Attribute("RelativePath"));
        Assert.StartsWith(PlaygroundBinary.ExecutableName, Assert.Single(targets["PublishPlaygroundBinary"].Descendants("_PlaygroundExe")).Value, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingPlaygroundBinaryIsNamed()
    {
        var e = Assert.Throws<UsageException>(() => PlaygroundBinary.Run(TextWriter.Null));
        Assert.Contains(PlaygroundBinary.ExecutableName, e.Message, StringComparison.Ordinal);
        Assert.Contains("reinstall", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(PlaygroundBinary.PathBeside(AppContext.BaseDirectory)));
    }
}
