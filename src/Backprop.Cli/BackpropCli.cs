using Backprop.Text;
using Backprop.Cli.Common;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Backprop.Cli.Datasets;
using Backprop.Cli.Evaluate;
using Backprop.Cli.Explain;
using Backprop.Cli.Export;
using Backprop.Cli.Import;
using Backprop.Cli.Info;
using Backprop.Cli.Learn;
using Backprop.Cli.Playground;
using Backprop.Cli.Predict;
using Backprop.Cli.Train;
using Backprop.Errors;
using Backprop.IO;

namespace Backprop.Cli;

/// <summary>
/// The <c>backprop</c> command line, runnable in-process with any writers. Every failure is one line on
/// <c>stderr</c>: exit code 2 for usage errors (bad or unknown options, settings that do not fit the data),
/// 1 when a file cannot be read or written, or training fails (e.g. divergence); an unexpected exception is an "internal error" line, never .NET's text.
/// </summary>
internal static class BackpropCli
{
    public const int Success = 0, Failure = 1, UsageError = 2;

    // The tool reads *.parquet files: the Parquet package registers its table format before any command runs.
    static BackpropCli() => Backprop.Parquet.ParquetTable.Register();

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(CreateRootCommand(args), args, stdout, stderr);

    /// <summary>Runs <paramref name="root"/> (the tool's commands, or a test's) with the tool's error handling.</summary>
    internal static int Run(Command root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        var parsed = root.Parse(args);
        if (parsed.Action is not HelpAction && Backprop.Kernels.EnvironmentSettings.Problem(Environment.GetEnvironmentVariable) is { } environment)
            return Fail(stderr, UsageError, environment); // before any command: a malformed variable is never blamed on an option
        if (parsed.Action is ParseErrorAction)
            return Fail(stderr, UsageError, ErrorMessages.ForParse(parsed));
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        // Every file the command writes through AtomicFile is staged here and renamed into place only when the command succeeded.
        using var outputs = OutputTransaction.Begin();
        try
        {
            int code = parsed.Invoke(config);
            if (code == Success) outputs.Commit();
            return code;
        }
        catch (UsageException e) { return Fail(stderr, UsageError, e.Message); }
        catch (BackpropException e) { return Fail(stderr, e.Kind == ErrorKind.Setting ? UsageError : Failure, e.Message); }
        catch (OutOfMemoryException) { return Fail(stderr, Failure, "out of memory; try smaller --layers or --batch-size"); }
        catch (Exception e) { return Fail(stderr, Failure, ErrorMessages.ForUnexpected(e, parsed, outputs.UserPathOf)); }
    }

    /// <summary>A command of the tool: its name and summary, which the root's help and its suggestions for a mistyped command need, and
    /// how to build it with its options and action.</summary>
    private sealed record Subcommand(string Name, string Summary, Func<Command> Create);

    private static readonly Subcommand[] Subcommands =
    [
        new(TrainCommand.Name, TrainCommand.Summary, TrainCommand.Create),
        new(CrossValidate.CvCommand.Name, CrossValidate.CvCommand.Summary, CrossValidate.CvCommand.Create),
        new(ExplainCommand.Name, ExplainCommand.Summary, ExplainCommand.Create),
        new(GradCheckCommand.Name, GradCheckCommand.Summary, GradCheckCommand.Create),
        new(VanishingCommand.Name, VanishingCommand.Summary, VanishingCommand.Create),
        new(EvaluateCommand.Name, EvaluateCommand.Summary, EvaluateCommand.Create),
        new(Importance.ImportanceCommand.Name, Importance.ImportanceCommand.Summary, Importance.ImportanceCommand.Create),
        new(PredictCommand.Name, PredictCommand.Summary, PredictCommand.Create),
        new(InfoCommand.Name, InfoCommand.Summary, InfoCommand.Create),
        new(ExportCommand.Name, ExportCommand.Summary, ExportCommand.Create),
        new(ImportCommand.Name, ImportCommand.Summary, ImportCommand.Create),
        new(DatasetsCommand.Name, DatasetsCommand.Summary, DatasetsCommand.Create),
        new(PlaygroundCommand.Name, PlaygroundCommand.Summary, PlaygroundCommand.Create),
    ];

    /// <summary>The root: named <c>backprop</c> (the tool command, not the assembly name) with --help, --version and every command built.</summary>
    public static Command CreateRootCommand() => CreateRootCommand(_ => true);

    /// <summary>
    /// The root for one command line: only the command that <paramref name="args"/> names is built with its options and action; every
    /// other command is its name and summary, all that the root's help and its suggestions read. Building train's options and table of
    /// defaults was most of the native tool's start-up after the runtime's own (docs/performance.md, "The native tool"). A response
    /// file (<c>@FILE</c>) may name any command, so then every command is built.
    /// </summary>
    internal static Command CreateRootCommand(IReadOnlyList<string> args)
    {
        if (args.Any(a => a.StartsWith('@'))) return CreateRootCommand();
        string? named = args.FirstOrDefault(a => Subcommands.Any(c => c.Name == a));
        return CreateRootCommand(c => c.Name == named);
    }

    private static Command CreateRootCommand(Func<Subcommand, bool> built)
    {
        var root = new Command("backprop", "Train small neural networks by backpropagation.");
        root.Options.Add(HelpOption());
        root.Options.Add(VersionOption());
        foreach (var c in Subcommands) root.Subcommands.Add(built(c) ? c.Create() : new Command(c.Name, c.Summary));
        return root;
    }

    // --help and --version as plain options with System.CommandLine's aliases, descriptions and actions. Its own HelpOption and VersionOption
    // read their descriptions through a ResourceManager when they are made, and its first use reflects over the assembly: about 1.2 ms of the
    // native tool's 10 ms start. HelpAndVersionTests checks that every command's help and these options' parses are what those give.
    internal static Option<bool> HelpOption() => new("--help", "-h", "/h", "-?", "/?")
    {
        Description = "Show help and usage information", Recursive = true, Arity = ArgumentArity.Zero, Action = new HelpAction(),
    };

    internal static Option<bool> VersionOption() => new("--version") { Description = "Show version information", Arity = ArgumentArity.Zero, Action = new PrintVersion() };

    /// <summary>The assembly's informational version, e.g. 0.1.0: a constant written at build time (Backprop.Cli.csproj, target
    /// WriteBuildInfo), as reading the attribute by reflection cost the native tool about 1.4 ms at every start.</summary>
    public const string Version = BuildInfo.Version;

    private static int Fail(TextWriter stderr, int code, string message)
    {
        stderr.WriteLine($"error: {Inert.Text(message)}");
        return code;
    }

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return Success;
        }
    }
}
