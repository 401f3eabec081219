using System.Diagnostics;

namespace Backprop.Kernels;

/// <summary>Work cut into independent chunks that may run in any order on any thread.</summary>
internal abstract class ParallelJob
{
    public abstract void RunChunk(int index);
}

/// <summary>
/// Persistent worker threads that help the caller drain one <see cref="ParallelJob"/> at a time, without allocating.
/// Chunks are claimed from a shared counter, so a worker that wakes late (or is descheduled) just takes fewer chunks:
/// the caller never waits for a thread to start, only for chunks already being run.
/// </summary>
internal static class WorkerPool
{
    static int busy, done, helpers, sleeping, chunksOnWorkers;
    static long spinTicks;
    static long state; // (epoch << 32) | chunks not yet claimed
    static ParallelJob? current;
    static Exception? failure;
    static Worker[] workers = [];

    /// <summary>
    /// Whether threads - 1 workers exist and are all spinning for work: then a job starts on them within a
    /// microsecond; a sleeping worker costs the caller a wake-up system call and joins tens of µs later.
    /// </summary>
    public static bool IsHot(int threads) => workers.Length >= threads - 1 && Volatile.Read(ref sleeping) == 0;

    /// <summary>
    /// Runs job.RunChunk(i) for every i &lt; chunks on the caller and up to threads - 1 workers, and returns true when
    /// all are done; returns false at once, running nothing, when the pool is busy (another caller, or a job calling back in).
    /// Idle workers then spin for options.WorkerSpinMicroseconds; options.Trace, when set, counts the chunks they ran.
    /// </summary>
    public static bool TryRun(ParallelJob job, int chunks, int threads, ComputeOptions options)
    {
        if (Interlocked.CompareExchange(ref busy, 1, 0) != 0) return false;
        try
        {
            EnsureWorkers(threads - 1);
            (current, failure, done, helpers, chunksOnWorkers) = (job, null, 0, threads - 1, 0);
            Volatile.Write(ref spinTicks, options.WorkerSpinMicroseconds * Stopwatch.Frequency / 1_000_000);
            uint epoch = EpochOf(Volatile.Read(ref state)) + 1;
            Volatile.Write(ref state, (long)((ulong)epoch << 32 | (uint)chunks));
            for (int w = 0; w < Math.Min(threads - 1, chunks - 1); w++) workers[w].Wake();
            Drain(epoch, onWorker: false);
            var spin = new SpinWait();
            while (Volatile.Read(ref done) != chunks) spin.SpinOnce(sleep1Threshold: -1);
            current = null;
            options.Trace?.Add(chunksOnWorkers);
            if (failure is { } e) throw new AggregateException(e);
            return true;
        }
        finally { Volatile.Write(ref busy, 0); }
    }

    /// <summary>Claims and runs chunks of the given epoch until none are left (chunks are claimed from the top down).</summary>
    static void Drain(uint epoch, bool onWorker)
    {
        while (true)
        {
            long s = Volatile.Read(ref state);
            if (EpochOf(s) != epoch || (uint)s == 0) return;
            if (Interlocked.CompareExchange(ref state, s - 1, s) != s) continue;
            try { current!.RunChunk((int)(uint)s - 1); }
            catch (Exception e) { failure = e; }
            if (onWorker) Interlocked.Increment(ref chunksOnWorkers);
            Interlocked.Increment(ref done);
        }
    }

    static uint EpochOf(long s) => (uint)((ulong)s >> 32);

    static void EnsureWorkers(int count)
    {
        if (workers.Length >= count) return;
        var grown = new Worker[count];
        workers.CopyTo(grown, 0);
        for (int w = workers.Length; w < count; w++) grown[w] = new Worker(w + 1);
        workers = grown;
    }

    /// <summary>One background thread: after each job it spins briefly for the next, then sleeps on an event.</summary>
    sealed class Worker
    {
        readonly ManualResetEventSlim wake = new(false, 1);
        readonly int id;
        uint seen;

        public Worker(int id)
        {
            this.id = id;
            new Thread(Loop) { IsBackground = true, Name = $"Backprop worker {id}" }.Start();
        }

        public void Wake() => wake.Set();

        void Loop()
        {
            while (true)
            {
                long spinUntil = Stopwatch.GetTimestamp() + Volatile.Read(ref spinTicks);
                uint epoch;
                while ((epoch = EpochOf(Volatile.Read(ref state))) == seen)
                {
                    if (Stopwatch.GetTimestamp() < spinUntil) { Thread.SpinWait(20); continue; }
                    Interlocked.Increment(ref sleeping);
                    wake.Wait();
                    Interlocked.Decrement(ref sleeping);
                    wake.Reset();
                }
                seen = epoch;
                if (id <= Volatile.Read(ref helpers)) Drain(epoch, onWorker: true);
            }
        }
    }
}
