using System.Diagnostics;
using System.Globalization;
using Backprop.Errors;

namespace Backprop.Training;

/// <summary>
/// A checkpoint directory held by one run: the file <see cref="FileName"/> made with create-new (atomic), holding the process id, deleted
/// when the run ends. A second run on the directory is refused naming the first; a lock whose process is no longer alive (killed) is stale
/// and taken over.
/// </summary>
internal sealed class CheckpointLock : IDisposable
{
    /// <summary>The lock file's name inside the directory.</summary>
    public const string FileName = "backprop.lock";

    private readonly string _path;
    private bool _released;

    private CheckpointLock(string path) => _path = path;

    /// <summary>Locks <paramref name="directory"/> (made when missing) for this process; throws <see cref="BackpropException"/> when another live run holds it.</summary>
    public static CheckpointLock Acquire(string directory)
    {
        if (File.Exists(directory)) throw BackpropException.BadSetting($"{directory}: is a file, not a checkpoint directory.");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, FileName);
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
                return new CheckpointLock(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                int? holder = Holder(path);
                if (holder is { } pid && Alive(pid))
                    throw BackpropException.BadSetting($"{directory}: is in use by another run (process {pid}, lock file {path}); give another checkpoint directory, " +
                        $"or wait for that run to end (if no backprop runs as process {pid}, delete {path}).");
                if (holder is null && File.GetLastWriteTimeUtc(path) > DateTime.UtcNow.AddSeconds(-5)) Thread.Sleep(100); // being written just now
                else File.Delete(path); // stale: its process is gone
            }
        }
        throw BackpropException.BadSetting($"{directory}: its lock file {path} could not be taken; delete it if no backprop run uses the directory.");
    }

    /// <summary>Deletes the lock file (once).</summary>
    public void Dispose()
    {
        if (_released) return;
        _released = true;
        try { File.Delete(_path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static int? Holder(string path)
    {
        try { return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null; }
        catch (IOException) { return null; }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }
}
