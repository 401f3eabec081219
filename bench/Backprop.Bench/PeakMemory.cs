using System.Diagnostics;

namespace Backprop.Bench;

/// <summary>
/// The growth of the process's peak resident memory from now on: on Linux the kernel's high-water mark (VmHWM) is reset through
/// /proc/self/clear_refs and read back; elsewhere the working set is sampled every millisecond on a thread of its own.
/// </summary>
internal sealed class PeakMemory
{
    private readonly long _before = Resident();
    private readonly Thread? _sampler;
    private long _peak;
    private volatile bool _done;

    public PeakMemory()
    {
        _peak = _before;
        if (OperatingSystem.IsLinux() && TryResetHighWaterMark()) return;
        _sampler = new Thread(() => { while (!_done) { _peak = Math.Max(_peak, Resident()); Thread.Sleep(1); } }) { IsBackground = true };
        _sampler.Start();
    }

    /// <summary>The peak resident bytes since construction, less those at construction.</summary>
    public double Growth()
    {
        if (_sampler is null) return Kilobytes("VmHWM:") * 1024.0 - _before;
        _done = true;
        _sampler.Join();
        return Math.Max(_peak, Resident()) - _before;
    }

    private static long Resident()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    private static bool TryResetHighWaterMark()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); return Kilobytes("VmHWM:") > 0; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static long Kilobytes(string field) =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal)) is { } line
            ? long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
}
