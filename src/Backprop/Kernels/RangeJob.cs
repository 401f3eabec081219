namespace Backprop.Kernels;

/// <summary>
/// An elementwise pass over n values cut into index ranges that the caller and the workers run in any order. Each value
/// goes through the same operations whatever range (and thread) holds it, so the bits do not depend on the thread count.
/// A subclass holds the pass's operands (pinned by its caller for the duration) and runs one range.
/// </summary>
internal abstract class RangeJob : ParallelJob
{
    /// <summary>Ranges start at multiples of this many values (four 64-byte lines of floats): no two threads write one cache line.</summary>
    private const int Align = 64;

    /// <summary>Ranges per thread: a late or descheduled thread is covered by the others.</summary>
    private const int RangesPerThread = 2;

    private int _count, _rangeLength;

    /// <summary>
    /// Whether a pass over <paramref name="work"/> float-equivalent values is split: at least options.ParallelMinElements of them,
    /// and a worker already spinning unless there are enough to pay for waking one (options.WakeMinMultiplyAdds).
    /// </summary>
    public static bool Splits(long work, ComputeOptions options) =>
        options.Threads > 1 && work >= Align * 2 && work >= options.ParallelMinElements
        && (work >= options.WakeMinMultiplyAdds || WorkerPool.IsHot(options.Threads));

    /// <summary>Runs the pass over [<paramref name="start"/>, <paramref name="end"/>).</summary>
    protected abstract void RunRange(int start, int end);

    public sealed override void RunChunk(int index)
    {
        int start = index * _rangeLength;
        RunRange(start, Math.Min(_count, start + _rangeLength));
    }

    /// <summary>Runs the pass over [0, <paramref name="n"/>) split into ranges over options.Threads threads (on the caller alone when every pool slot is taken).</summary>
    protected void RunSplit(int n, ComputeOptions options)
    {
        int threads = options.Threads;
        _count = n;
        _rangeLength = (n + RangesPerThread * threads * Align - 1) / (RangesPerThread * threads * Align) * Align;
        int ranges = (n + _rangeLength - 1) / _rangeLength;
        if (!WorkerPool.TryRun(this, ranges, threads, options)) RunRange(0, n);
    }
}
