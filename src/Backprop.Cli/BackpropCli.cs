using Backprop.Text;
using Backprop.Cli.Common;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Reflection;
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

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => Run(CreateRootCommand(), args, stdout, stderr);

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

    /// <summary>The root: named <c>backprop</c> (the tool command, not the assembly name) with --help and --version.</summary>
    public static Command CreateRootCommand()
    {
        var root = new Command("backprop", "Train small neural networks by backpropagation.");
        root.Options.Add(new HelpOption());
        root.Options.Add(new VersionOption { Action = new PrintVersion() });
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CrossValidate.CvCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(GradCheckCommand.Create());
        root.Subcommands.Add(VanishingCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(Importance.ImportanceCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DatasetsCommand.Create());
        root.Subcommands.Add(PlaygroundCommand.Create());
        return root;
    }

    /// <summary>The assembly's informational version, e.g. 0.1.0.</summary>
    public static string Version { get; } =
        typeof(BackpropCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

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
