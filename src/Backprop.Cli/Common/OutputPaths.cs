namespace Backprop.Cli.Common;

/// <summary>
/// Checks, before any work, the files a command will write: each has a name, its directory exists, it is not a directory, and
/// it is neither a file the command reads nor another of its outputs (compared after resolving symbolic links), so no run
/// overwrites its own input or one output with another.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Checks <paramref name="outputs"/> (option and path; null when not given) against each other and against <paramref name="inputs"/>.</summary>
    public static void Check((string Option, string? Path)[] inputs, params (string Option, string? Path)[] outputs)
    {
        var seen = inputs.Where(i => i.Path is not null).Select(i => (i.Option, Path: i.Path!, Real: Real(i.Path!), Input: true)).ToList();
        foreach (var (option, path) in outputs)
        {
            if (path is null) continue;
            if (path.Trim().Length == 0) throw new UsageException($"{option} needs a file name");
            string full = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(directory)) throw new UsageException($"{option} {path}: directory {directory} does not exist");
            if (Directory.Exists(full)) throw new UsageException($"{option} {path}: is a directory; give a file name");
            string real = Real(path);
            if (!IsDevice(real) && seen.FirstOrDefault(s => string.Equals(s.Real, real, Comparison) || Backprop.Data.InputFile.SameFile(s.Path, path)) is { Option: not null } other)
            {
                string both = other.Path == path ? $"{other.Option} and {option} both name {path}" : $"{other.Option} {other.Path} and {option} {path} are the same file";
                throw new UsageException(both + (other.Input ? $"; writing {option} would destroy the input, so give another name" : "; give each its own file"));
            }
            seen.Add((option, path, real, false));
        }
    }

    /// <summary>Checks the outputs against each other when the command reads no file.</summary>
    public static void Check(params (string Option, string? Path)[] outputs) => Check([], outputs);

    private static StringComparison Comparison => OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;

    // Outputs such as /dev/null or /dev/stdout may repeat: nothing is replaced there.
    private static bool IsDevice(string real) => IO.AtomicFile.IsDevicePath(real);

    /// <summary>The full path with every symbolic link on the way resolved (the path need not exist).</summary>
    private static string Real(string path, int depth = 0)
    {
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is not { } parent || depth > 40) return full;
        string joined = Path.Combine(Real(parent, depth + 1), Path.GetFileName(full));
        try
        {
            var info = new FileInfo(joined);
            if (info.LinkTarget is null) return joined;
            return info.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Real(target.FullName, depth + 1) : joined;
        }
        catch (IOException) { return joined; }
        catch (UnauthorizedAccessException) { return joined; }
    }
}
