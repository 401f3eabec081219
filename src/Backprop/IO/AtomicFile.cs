namespace Backprop.IO;

/// <summary>Writes a file all at once: to a temporary file in the same directory, then renamed over the target, so a reader never sees half a file.</summary>
public static class AtomicFile
{
    /// <summary>Writes through <paramref name="write"/>, flushes to disk and renames; on any failure the temporary file is removed and the target left as it was.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{path}: directory {directory} does not exist.");
        if (Directory.Exists(full)) throw new IOException($"{path}: is a directory.");
        string temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
