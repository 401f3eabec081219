using System.Diagnostics;

namespace Backprop.Bench;

/// <summary>Times a repeated action: warm-up, then about a second of timed runs in five chunks; the median chunk is the figure.</summary>
internal static class Timing
{
    /// <summary>Median seconds per call of <paramref name="action"/>.</summary>
    public static double SecondsPerCall(Action action, double seconds = 1.0)
    {
        // Calibrate on a few calls, then warm up for a tenth of the timed work (at least the calibration runs).
        var sw = Stopwatch.StartNew();
        int calibration = 0;
        while (sw.Elapsed.TotalSeconds < 0.05 || calibration < 3) { action(); calibration++; }
        double estimate = sw.Elapsed.TotalSeconds / calibration;
        int perChunk = Math.Max(1, (int)(seconds / 5 / estimate));
        for (int i = 0; i < perChunk / 2; i++) action();

        var chunks = new double[5];
        for (int c = 0; c < chunks.Length; c++)
        {
            sw.Restart();
            for (int i = 0; i < perChunk; i++) action();
            chunks[c] = sw.Elapsed.TotalSeconds / perChunk;
        }
        Array.Sort(chunks);
        return chunks[chunks.Length / 2];
    }
}
