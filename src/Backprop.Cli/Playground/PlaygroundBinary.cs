using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Backprop.Cli.Playground;

/// <summary>
/// Where the playground runs. In the framework-dependent tool and in tests, in this process. The native <c>backprop</c> is
/// compiled without it (its build sets <see cref="InProcessSwitch"/> to false, so the ahead-of-time compiler drops ASP.NET Core:
/// a quarter of the binary, and a third of the page faults every command paid at start-up); <c>backprop playground</c> then runs
/// <see cref="ExecutableName"/>, the full tool compiled beside it, with the same arguments, in place of this process on Unix
/// (same process id, signals and exit code), as a child process on Windows (docs/performance.md, "The native tool").
/// </summary>
internal static partial class PlaygroundBinary
{
    /// <summary>The feature switch: false in the native <c>backprop</c> (Backprop.Cli.csproj, target PlaygroundInItsOwnBinary).</summary>
    public const string InProcessSwitch = "Backprop.Cli.PlaygroundInProcess";

    /// <summary>The full native tool beside <c>backprop</c>, which serves the playground.</summary>
    public const string ExecutableName = "backprop-playground";

    /// <summary>True unless the build compiled the playground out of this binary.</summary>
    [FeatureSwitchDefinition(InProcessSwitch)]
    public static bool InProcess => !AppContext.TryGetSwitch(InProcessSwitch, out bool enabled) || enabled;

    /// <summary>The path of <see cref="ExecutableName"/> beside this binary.</summary>
    public static string PathBeside(string directory) => Path.Combine(directory, OperatingSystem.IsWindows() ? ExecutableName + ".exe" : ExecutableName);

    /// <summary>Runs the playground's binary with this process's arguments and returns its exit code (on Unix it replaces this process and never returns).</summary>
    public static int Run(TextWriter output)
    {
        string path = PathBeside(AppContext.BaseDirectory);
        if (!File.Exists(path))
            throw new UsageException($"the playground needs {ExecutableName} beside backprop ({path}), which is missing; reinstall the tool");
        string[] arguments = Environment.GetCommandLineArgs()[1..];
        output.Flush();
        Console.Error.Flush();
        if (!OperatingSystem.IsWindows())
        {
            Exec(path, [path, .. arguments, null]);
            throw new IOException($"could not start {path} (errno {Marshal.GetLastPInvokeError()})");
        }
        using var child = Process.Start(new ProcessStartInfo(path, arguments) { UseShellExecute = false })
            ?? throw new IOException($"could not start {path}");
        child.WaitForExit();
        return child.ExitCode;
    }

    // execv(2): replaces this process's image; returns only on failure.
    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Exec(string path, string?[] argv);
}
