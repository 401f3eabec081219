using System.Collections.Concurrent;
using System.Text;
using Backprop.Errors;

namespace Backprop.IO;

/// <summary>
/// Writes a file all at once: to a temporary file in the same directory, then renamed over the target, so a reader never sees
/// half a file. Inside an <see cref="OutputTransaction"/> the file is only staged, and renamed with the run's other files.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The longest file name most file systems take, in bytes: temporary names are shortened to stay within it.</summary>
    public const int MaxNameBytes = 255;

    private const string Suffix = ".tmp";
    private const int RandomChars = 12;

    // Every temporary file this process has created and not yet renamed or removed.
    private static readonly ConcurrentDictionary<string, byte> Pending = new();

    /// <summary>
    /// Writes through <paramref name="write"/>, flushes to disk and renames (or, inside the current <see cref="OutputTransaction"/>,
    /// stages it to be renamed at its commit). On any failure the temporary file is removed and the target left as it was.
    /// </summary>
    /// <exception cref="BackpropException">The file cannot be written; the message names <paramref name="path"/> and the problem.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        if (OutputTransaction.Current is { } run)
        {
            run.Stage(path, write);
            return;
        }
        WriteNow(path, write);
    }

    /// <summary>
    /// Writes through <paramref name="write"/>, flushes to disk and renames now, outside any <see cref="OutputTransaction"/>: for files
    /// that must be on disk as soon as written (checkpoints), whatever becomes of the run.
    /// </summary>
    /// <exception cref="BackpropException">The file cannot be written; the message names <paramref name="path"/> and the problem.</exception>
    public static void WriteNow(string path, Action<Stream> write)
    {
        using var single = OutputTransaction.Begin();
        single.Stage(path, write);
        single.Commit();
    }

    /// <summary>
    /// Removes every temporary file this process has staged and not yet committed (thread-safe: for a signal handler that must
    /// exit at once without leaving partial files behind). The targets are left as they were.
    /// </summary>
    public static void RemovePendingTemporaries()
    {
        foreach (string temp in Pending.Keys) Remove(temp);
    }

    /// <summary>Creates an empty temporary file next to <paramref name="full"/> (so an unwritable place fails before any work) and returns its name.</summary>
    internal static string CreateTemporary(string path, string full)
    {
        string directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw BackpropException.BadInput($"cannot write {path}: the directory {directory} does not exist");
        if (Directory.Exists(full)) throw BackpropException.BadInput($"cannot write {path}: it is a directory");
        string temp = Path.Combine(directory, TemporaryName(Path.GetFileName(full)));
        RemoveStaleTemporaries(directory, Path.GetFileName(full));
        Pending[temp] = 0; // remembered before it exists, so RemovePendingTemporaries never misses it
        try { new FileStream(temp, FileMode.CreateNew, FileAccess.Write).Dispose(); }
        catch (Exception e) when (FileError.IsFromSystem(e))
        {
            Pending.TryRemove(temp, out _);
            throw FileError.Writing(path, e);
        }
        return temp;
    }

    /// <summary>Renames a temporary file over its target.</summary>
    internal static void Commit(string temp, string full)
    {
        File.Move(temp, full, overwrite: true);
        Pending.TryRemove(temp, out _);
    }

    /// <summary>Removes a temporary file (once, whoever asks first).</summary>
    internal static void Remove(string temp)
    {
        if (!Pending.TryRemove(temp, out _)) return;
        try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Whether a resolved path lies under <c>/dev/</c> or <c>/proc/</c>: a device or process file, never replaced by a rename.</summary>
    public static bool IsDevicePath(string real) => real.StartsWith("/dev/", StringComparison.Ordinal) || real.StartsWith("/proc/", StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="full"/> is a device or process file (<c>/dev/null</c>, <c>/dev/stdout</c>, <c>/dev/full</c>): written
    /// directly, since there is no file to replace and renaming over it would put a regular file in its place.
    /// </summary>
    internal static bool IsDevice(string full)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(full)) return false;
        string real = full;
        try { real = new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full; }
        catch (IOException) { }
        return IsDevicePath(real);
    }

    /// <summary>
    /// ".NAME.PID.RANDOM.tmp" (PID this process's id), NAME cut (at a whole character) so that the whole stays within
    /// <see cref="MaxNameBytes"/> bytes.
    /// </summary>
    internal static string TemporaryName(string name) => TemporaryName(name, Environment.ProcessId);

    /// <summary>As above for the process <paramref name="processId"/>.</summary>
    internal static string TemporaryName(string name, int processId)
    {
        string random = Guid.NewGuid().ToString("N")[..RandomChars];
        return $".{NamePart(name, processId)}.{random}{Suffix}";
    }

    // ".NAME.PID" of a temporary name, without its leading dot.
    private static string NamePart(string name, int processId)
    {
        string pid = processId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        int room = MaxNameBytes - ".".Length - ".".Length - pid.Length - ".".Length - RandomChars - Suffix.Length;
        int length = name.Length;
        while (length > 0 && (Encoding.UTF8.GetByteCount(name.AsSpan(0, length)) > room || char.IsHighSurrogate(name[length - 1]))) length--;
        return $"{name[..length]}.{pid}";
    }

    /// <summary>
    /// Removes the temporaries of <paramref name="name"/> in <paramref name="directory"/> that a process killed outright (SIGKILL,
    /// SIGQUIT, a power cut) left behind: files of this class's naming whose process is gone. Those of a live process (another run
    /// writing there now, or this one) are left; so is anything not named exactly so.
    /// </summary>
    internal static void RemoveStaleTemporaries(string directory, string name)
    {
        string[] found;
        try { found = Directory.GetFiles(directory, $".*{Suffix}"); }
        catch (Exception e) when (FileError.IsFromSystem(e)) { return; }
        foreach (string file in found)
        {
            string tempName = Path.GetFileName(file);
            int end = tempName.Length - Suffix.Length - RandomChars - 1, pidStart = tempName.LastIndexOf('.', end - 1) + 1;
            if (end <= 1 || pidStart <= 1 || tempName[end] != '.' || !IsRandom(tempName.AsSpan(end + 1, RandomChars))
                || !int.TryParse(tempName.AsSpan(pidStart, end - pidStart), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
                || tempName[1..end] != NamePart(name, pid) || IsRunning(pid))
                continue;
            try { if (!new FileInfo(file).Attributes.HasFlag(FileAttributes.Directory)) File.Delete(file); }
            catch (Exception e) when (FileError.IsFromSystem(e)) { }
        }
    }

    private static bool IsRandom(ReadOnlySpan<char> chars) => chars.IndexOfAnyExcept("0123456789abcdef") < 0;

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }
}
