using System.Diagnostics;

namespace Backprop.Kernels;

/// <summary>Work split into parts 0..parts-1; part 0 runs on the caller. Must give the same result for any parts ≥ 1.</summary>
internal abstract class ParallelJob
{
    public abstract void Execute(int part, int parts);
}

/// <summary>
/// Persistent worker threads that run one <see cref="ParallelJob"/> at a time without allocating.
/// A caller that finds the pool busy (another thread, or a job calling back in) runs its job alone as one part.
/// </summary>
internal static class WorkerPool
{
    static int busy;
    static Worker[] workers = [];
    static int pending;
    static Exception? failure;

    /// <summary>Parts executed on worker threads so far (tests use it to see that work really ran in parallel).</summary>
    public static long PartsRunOnWorkers;

    /// <summary>Runs job.Execute(part, parts) for every part and returns when all have finished.</summary>
    public static void Run(ParallelJob job, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0) { job.Execute(0, 1); return; }
        try
        {
            EnsureWorkers(parts - 1);
            failure = null;
            Volatile.Write(ref pending, parts - 1);
            for (int w = 0; w < parts - 1; w++) workers[w].Start(job, w + 1, parts);
            job.Execute(0, parts);
            WaitForWorkers();
            if (failure is { } e) throw new AggregateException(e);
        }
        finally { Volatile.Write(ref busy, 0); }
    }

    /// <summary>Spins, then yields the core (never blocks: blocking would allocate the first time).</summary>
    static void WaitForWorkers()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref pending) != 0) spin.SpinOnce(sleep1Threshold: -1);
    }

    static void EnsureWorkers(int count)
    {
        if (workers.Length >= count) return;
        var grown = new Worker[count];
        workers.CopyTo(grown, 0);
        for (int w = workers.Length; w < count; w++) grown[w] = new Worker(w + 1);
        workers = grown;
    }

    static void Finished(Exception? error)
    {
        if (error is not null) failure = error;
        Interlocked.Increment(ref PartsRunOnWorkers);
        Interlocked.Decrement(ref pending);
    }

    /// <summary>One background thread: spins briefly for the next job, then sleeps on an event.</summary>
    sealed class Worker
    {
        readonly ManualResetEventSlim wake = new(false, 1);
        ParallelJob? job;
        int part, parts, go;

        public Worker(int id) => new Thread(Loop) { IsBackground = true, Name = $"Backprop worker {id}" }.Start();

        public void Start(ParallelJob job, int part, int parts)
        {
            (this.job, this.part, this.parts) = (job, part, parts);
            Volatile.Write(ref go, 1);
            wake.Set();
        }

        void Loop()
        {
            while (true)
            {
                WaitForGo();
                Volatile.Write(ref go, 0);
                Exception? error = null;
                try { job!.Execute(part, parts); }
                catch (Exception e) { error = e; }
                job = null;
                Finished(error);
            }
        }

        void WaitForGo()
        {
            long until = Stopwatch.GetTimestamp() + KernelSettings.WorkerSpinMicroseconds * Stopwatch.Frequency / 1_000_000;
            while (Volatile.Read(ref go) == 0)
            {
                if (Stopwatch.GetTimestamp() < until) { Thread.SpinWait(20); continue; }
                wake.Wait();
                wake.Reset();
            }
        }
    }
}

/// <summary>A reusable spinning barrier for the parts of one running job (sense reversal).</summary>
internal sealed class SpinBarrier
{
    int arrived, sense;

    /// <summary>Returns once all <paramref name="parts"/> participants have called it.</summary>
    public void SignalAndWait(int parts)
    {
        if (parts <= 1) return;
        int s = Volatile.Read(ref sense);
        if (Interlocked.Increment(ref arrived) == parts)
        {
            arrived = 0;
            Volatile.Write(ref sense, s ^ 1);
            return;
        }
        var spin = new SpinWait();
        while (Volatile.Read(ref sense) == s) spin.SpinOnce(-1);
    }
}
