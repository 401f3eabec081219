namespace Backprop.Kernels;

/// <summary>What the worker threads did for the products run with one <see cref="ComputeOptions"/> (set its <c>Trace</c>).</summary>
internal sealed class ParallelTrace
{
    private long _chunksOnWorkers;

    /// <summary>Chunks of work that ran on a worker thread rather than the caller.</summary>
    public long ChunksOnWorkers => Interlocked.Read(ref _chunksOnWorkers);

    /// <summary>Counts <paramref name="chunks"/> more chunks run on workers.</summary>
    public void Add(long chunks) => Interlocked.Add(ref _chunksOnWorkers, chunks);
}
