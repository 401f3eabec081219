using System.Diagnostics;

namespace Backprop.Kernels;

/// <summary>Work cut into independent chunks that may run in any order on any thread.</summary>
internal abstract class ParallelJob
{
    public abstract void RunChunk(int index);
}

/// <summary>
/// Persistent worker threads that help callers drain their <see cref="ParallelJob"/>s, without allocating. Up to
/// <see cref="Slots"/> callers (other threads, or a chunk calling back in) run jobs at once, each in a slot of its own;
/// the workers help every slot with chunks left. Chunks are claimed from a per-slot counter, so a worker that wakes late
/// (or is busy with another caller's job) just takes fewer chunks: a caller never waits for a thread to start, only for
/// chunks already being run, and always makes progress on its own.
/// </summary>
internal static class WorkerPool
{
    /// <summary>Callers whose jobs run in parallel at once; one more finds every slot taken and runs its job alone.</summary>
    public const int Slots = 4;

    static readonly JobSlot[] slots = [new(), new(), new(), new()];
    static readonly Lock growing = new();
    static int sleeping, generation;
    static long spinTicks;
    static Worker[] workers = [];

    /// <summary>
    /// Whether threads - 1 workers exist and are all spinning for work: then a job starts on them within a
    /// microsecond; a sleeping worker costs the caller a wake-up system call and joins tens of µs later.
    /// </summary>
    public static bool IsHot(int threads) => Volatile.Read(ref workers).Length >= threads - 1 && Volatile.Read(ref sleeping) == 0;

    /// <summary>
    /// Runs job.RunChunk(i) for every i &lt; chunks on the caller and up to threads - 1 workers, and returns true when
    /// all are done; returns false at once, running nothing, when all <see cref="Slots"/> slots hold other callers' jobs.
    /// Idle workers then spin for options.WorkerSpinMicroseconds; options.Trace, when set, counts the chunks they ran.
    /// </summary>
    public static bool TryRun(ParallelJob job, int chunks, int threads, ComputeOptions options)
    {
        if (Claim() is not { } slot) return false;
        try
        {
            var pool = EnsureWorkers(threads - 1);
            Volatile.Write(ref spinTicks, options.WorkerSpinMicroseconds * Stopwatch.Frequency / 1_000_000);
            uint epoch = slot.Publish(job, chunks, threads - 1);
            Interlocked.Increment(ref generation);
            for (int w = 0; w < Math.Min(threads - 1, chunks - 1); w++) pool[w].Wake();
            slot.Drain(epoch, onWorker: false);
            return slot.Finish(chunks, options.Trace);
        }
        finally { slot.Release(); }
    }

    static JobSlot? Claim()
    {
        foreach (var slot in slots)
            if (slot.TryClaim()) return slot;
        return null;
    }

    static Worker[] EnsureWorkers(int count)
    {
        var pool = Volatile.Read(ref workers);
        if (pool.Length >= count) return pool;
        lock (growing)
        {
            pool = workers;
            if (pool.Length >= count) return pool;
            var grown = new Worker[count];
            pool.CopyTo(grown, 0);
            for (int w = pool.Length; w < count; w++) grown[w] = new Worker(w + 1);
            Volatile.Write(ref workers, grown);
            return grown;
        }
    }

    /// <summary>One caller's job: the chunks not yet claimed (with an epoch, so a stale claim fails), the chunks done, the first failure.</summary>
    sealed class JobSlot
    {
        int busy, done, helpers, chunksOnWorkers;
        long state; // (epoch << 32) | chunks not yet claimed
        ParallelJob? current;
        Exception? failure;

        public bool TryClaim() => Interlocked.CompareExchange(ref busy, 1, 0) == 0;

        public void Release() => Volatile.Write(ref busy, 0);

        /// <summary>Workers with an id up to this help the slot's job.</summary>
        public int Helpers => Volatile.Read(ref helpers);

        /// <summary>Makes <paramref name="job"/>'s chunks claimable and returns the new epoch.</summary>
        public uint Publish(ParallelJob job, int chunks, int helping)
        {
            (current, failure, done, chunksOnWorkers) = (job, null, 0, 0);
            Volatile.Write(ref helpers, helping);
            uint epoch = EpochOf(Volatile.Read(ref state)) + 1;
            Volatile.Write(ref state, (long)((ulong)epoch << 32 | (uint)chunks));
            return epoch;
        }

        /// <summary>Waits for the chunks workers still run, reports them to <paramref name="trace"/> and rethrows a chunk's failure.</summary>
        public bool Finish(int chunks, ParallelTrace? trace)
        {
            var spin = new SpinWait();
            while (Volatile.Read(ref done) != chunks) spin.SpinOnce(sleep1Threshold: -1);
            current = null;
            trace?.Add(chunksOnWorkers);
            if (failure is { } e) throw new AggregateException(e);
            return true;
        }

        /// <summary>Claims and runs chunks of the given epoch (any epoch for a worker: 0) until none are left; true when it ran one.</summary>
        public bool Drain(uint epoch, bool onWorker)
        {
            bool ran = false;
            while (true)
            {
                long s = Volatile.Read(ref state);
                if ((uint)s == 0 || (epoch != 0 && EpochOf(s) != epoch)) return ran;
                if (Interlocked.CompareExchange(ref state, s - 1, s) != s) continue;
                // the job cannot finish (nor the slot be reused) before this claimed chunk is done, so current is its job
                try { current!.RunChunk((int)(uint)s - 1); }
                catch (Exception e) { Interlocked.CompareExchange(ref failure, e, null); }
                if (onWorker) Interlocked.Increment(ref chunksOnWorkers);
                Interlocked.Increment(ref done);
                ran = true;
            }
        }
    }

    static uint EpochOf(long s) => (uint)((ulong)s >> 32);

    /// <summary>One background thread: after each job it spins briefly for the next, then sleeps on an event.</summary>
    sealed class Worker
    {
        readonly ManualResetEventSlim wake = new(false, 1);
        readonly int id;
        int seen;

        public Worker(int id)
        {
            this.id = id;
            // UnsafeStart: the worker must not capture the creating caller's execution context (its compute-settings scope)
            new Thread(Loop) { IsBackground = true, Name = $"Backprop worker {id}" }.UnsafeStart();
        }

        public void Wake() => wake.Set();

        void Loop()
        {
            while (true)
            {
                long spinUntil = Stopwatch.GetTimestamp() + Volatile.Read(ref spinTicks);
                int now;
                while ((now = Volatile.Read(ref generation)) == seen)
                {
                    if (Stopwatch.GetTimestamp() < spinUntil) { Thread.SpinWait(20); continue; }
                    Interlocked.Increment(ref sleeping);
                    wake.Wait();
                    Interlocked.Decrement(ref sleeping);
                    wake.Reset();
                }
                seen = now;
                bool ran;
                do
                {
                    ran = false;
                    foreach (var slot in slots)
                        if (id <= slot.Helpers && slot.Drain(0, onWorker: true)) ran = true;
                } while (ran);
            }
        }
    }
}
