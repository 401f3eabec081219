using System.Diagnostics;

namespace Backprop.Bench;

/// <summary>Times a repeated action: warm-up, then about a second of timed runs in five chunks; the median chunk is the figure.</summary>
internal static class Timing
{
    /// <summary>BENCH_SECONDS=s times each workload for s seconds instead of one (longer runs for a profiler).</summary>
    static readonly double Scale = double.TryParse(Environment.GetEnvironmentVariable("BENCH_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0 ? s : 1.0;

    /// <summary>BENCH_CPU=1 times the calling thread's CPU time instead of the wall clock: with THREADS=1 a figure that
    /// other processes on a loaded machine hardly move (Linux only).</summary>
    static readonly bool Cpu = Environment.GetEnvironmentVariable("BENCH_CPU") == "1";

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    static extern unsafe int ClockGetTime(int clock, long* secondsThenNanoseconds);

    static unsafe double ThreadCpuSeconds()
    {
        long* t = stackalloc long[2];
        return ClockGetTime(3, t) == 0 ? t[0] + t[1] * 1e-9 : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    }

    /// <summary>Median seconds per call of <paramref name="action"/>.</summary>
    public static double SecondsPerCall(Action action, double seconds = 1.0)
    {
        seconds *= Scale;
        // Calibrate on a few calls, then warm up for a tenth of the timed work (at least the calibration runs).
        // The first round includes JIT compilation and first-use allocations, so only the second one's rate is the estimate
        // (estimating from the first made the timed runs last a tenth of the intended second).
        var sw = Stopwatch.StartNew();
        int calibration = 0;
        for (int round = 0; round < 2; round++)
        {
            sw.Restart();
            calibration = 0;
            while (sw.Elapsed.TotalSeconds < 0.05 || calibration < 3) { action(); calibration++; }
        }
        double estimate = sw.Elapsed.TotalSeconds / calibration;
        int perChunk = Math.Max(1, (int)(seconds / 5 / estimate));
        for (int i = 0; i < perChunk / 2; i++) action();

        var chunks = new double[5];
        for (int c = 0; c < chunks.Length; c++)
        {
            sw.Restart();
            double cpu0 = Cpu ? ThreadCpuSeconds() : 0;
            for (int i = 0; i < perChunk; i++) action();
            chunks[c] = (Cpu ? ThreadCpuSeconds() - cpu0 : sw.Elapsed.TotalSeconds) / perChunk;
        }
        Array.Sort(chunks);
        return chunks[chunks.Length / 2];
    }
}
