using System.CommandLine;
using System.CommandLine.Help;
using System.Reflection;
using Backprop.Cli;

namespace Backprop.Tests.Cli;

public class HelpAndVersionTests
{
    [Fact]
    public void RootHelpListsTrainUnderTheToolName()
    {
        var run = CliRun.Of("--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("backprop [command] [options]", run.Stdout);
        Assert.Contains("train", run.Stdout);
        Assert.Contains("--version", run.Stdout);
    }

    [Fact]
    public void TrainHelpListsEveryOptionAndTheDefaults()
    {
        var run = CliRun.Of("train", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("backprop train [options]", run.Stdout);
        foreach (var option in new[] { "--data", "--layers", "--activation", "--loss", "--lr", "--epochs", "--batch-size", "--seed" })
            Assert.Contains(option + " <", run.Stdout);
        Assert.Matches(@"\n +spirals +32,32 +relu +softmax_ce +sgd +0\.2 +0 +none +32 +200 +0 +none +0\.15 +0\.15 +by-activation\s", run.Stdout);
        Assert.Matches(@"\n +NAME\|FILE +64 +relu +softmax_ce\|mse_mean +adam +0\.001 +0\.0001 +cosine +32 +200 +10 +standard +0 +0\.2 +sklearn_uniform\s", run.Stdout);
    }

    [Fact]
    public void VersionPrintsTheInformationalVersion()
    {
        var run = CliRun.Of("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(BackpropCli.Version, run.Stdout.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+", BackpropCli.Version);
        Assert.DoesNotContain('+', BackpropCli.Version);
        // the constant written at build time is the assembly's attribute
        Assert.Equal(BackpropCli.Version, typeof(BackpropCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("--help")]
    public void ALineThatNamesNoCommandBuildsNone(string arg)
    {
        var root = BackpropCli.CreateRootCommand([arg]);
        Assert.All(root.Subcommands, c => Assert.Empty(c.Options));
        Assert.All(root.Subcommands, c => Assert.Null(c.Action));
    }

    [Fact]
    public void OnlyTheNamedCommandIsBuilt()
    {
        var root = BackpropCli.CreateRootCommand(["info", "model.json", "--json"]);
        Assert.Equal(["info"], root.Subcommands.Where(c => c.Action is not null).Select(c => c.Name));
        Assert.NotEmpty(root.Subcommands.Single(c => c.Name == "info").Options);
    }

    [Fact]
    public void AResponseFileBuildsEveryCommand()
    {
        var root = BackpropCli.CreateRootCommand(["@args.rsp"]);
        Assert.All(root.Subcommands, c => Assert.NotNull(c.Action));
    }

    [Fact]
    public void EveryCommandsShellHasItsNameAndSummary()
    {
        var full = BackpropCli.CreateRootCommand();
        var shells = BackpropCli.CreateRootCommand(["--version"]);
        Assert.Equal(full.Subcommands.Select(c => c.Name), shells.Subcommands.Select(c => c.Name));
        foreach (var (built, shell) in full.Subcommands.Zip(shells.Subcommands))
            Assert.StartsWith(shell.Description!, built.Description);
    }

    [Fact]
    public void AMistypedCommandIsRefusedByName()
    {
        var run = CliRun.Of("trian", "--data", "iris");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: unknown command 'trian' for 'backprop' (see 'backprop --help')", run.Stderr.Trim());
    }

    public static TheoryData<string[]> HelpAndVersionLines()
    {
        var lines = new TheoryData<string[]>
        {
            new[] { "--help" }, new[] { "-h" }, new[] { "/?" }, new[] { "--version" }, new[] { "--version", "extra" }, new[] { "--version", "--help" },
            new[] { "--help", "train" }, new[] { "train", "--version" }, new[] { "train", "-?" }, new[] { "train", "--help", "--bogus" },
            new[] { "train", "--bogus", "--help" }, new[] { "info", "--help", "--model" },
        };
        foreach (var command in BackpropCli.CreateRootCommand().Subcommands) lines.Add([command.Name, "--help"]);
        return lines;
    }

    [Theory]
    [MemberData(nameof(HelpAndVersionLines))]
    public void TheToolsHelpAndVersionOptionsAnswerAsSystemCommandLinesOwn(string[] args)
    {
        // the same commands with System.CommandLine's HelpOption and VersionOption (which the tool's replace to start faster)
        var reference = BackpropCli.CreateRootCommand();
        reference.Options.Clear();
        reference.Options.Add(new HelpOption());
        reference.Options.Add(new VersionOption { Action = BackpropCli.VersionOption().Action! });
        var (expected, actual) = (RunWith(reference, args), RunWith(BackpropCli.CreateRootCommand(), args));
        Assert.Equal(expected, actual);
        Assert.DoesNotContain("internal error", actual.Stderr);
    }

    private static (int Code, string Stdout, string Stderr) RunWith(Command root, string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        int code = BackpropCli.Run(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
