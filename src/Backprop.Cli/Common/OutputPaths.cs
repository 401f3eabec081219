namespace Backprop.Cli.Common;

/// <summary>Checks, before any work, that each file the command will write can be written: its directory exists and it is not a directory.</summary>
internal static class OutputPaths
{
    public static void Check(params (string Option, string? Path)[] outputs)
    {
        foreach (var (option, path) in outputs)
        {
            if (path is null) continue;
            if (path.Trim().Length == 0) throw new UsageException($"{option} needs a file name");
            string full = Path.GetFullPath(path);
            string directory = Path.GetDirectoryName(full)!;
            if (!Directory.Exists(directory)) throw new UsageException($"{option} {path}: directory {directory} does not exist");
            if (Directory.Exists(full)) throw new UsageException($"{option} {path}: is a directory; give a file name");
        }
    }
}
