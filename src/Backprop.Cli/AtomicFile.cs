namespace Backprop.Cli;

/// <summary>Writes a file whole or not at all: to a temporary name in the same directory, then renamed over the target.</summary>
internal static class AtomicFile
{
    /// <summary>Throws a one-line <see cref="UsageException"/> naming <paramref name="option"/> unless the file's directory exists.</summary>
    public static void CheckDirectory(string path, string option)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory)) throw new UsageException($"{option} {path}: the directory {directory} does not exist");
    }

    public static void WriteAllBytes(string path, byte[] bytes, string option)
    {
        CheckDirectory(path, option);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw new UsageException($"{option} {path}: cannot write: {ErrorMessages.OneLine(e)}");
        }
    }
}
