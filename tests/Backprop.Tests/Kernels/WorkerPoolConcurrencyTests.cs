using Backprop.Kernels;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>Two callers of the kernels at once each run their own parallel job (neither silently falls back to one thread) and get the bits of a lone caller.</summary>
[Collection(nameof(WorkerPoolCollection))]
public class WorkerPoolConcurrencyTests
{
    /// <summary>Each job's chunk 0 waits (up to 10 s) until the other job has started: only two jobs in the pool at once let both finish quickly.</summary>
    sealed class MeetingJob(ManualResetEventSlim mine, ManualResetEventSlim other, int chunks) : ParallelJob
    {
        public readonly int[] Runs = new int[chunks];
        public bool Met;

        public override void RunChunk(int index)
        {
            Interlocked.Increment(ref Runs[index]);
            if (index != chunks - 1) return;   // chunks are claimed from the top: the caller takes this one first
            mine.Set();
            Met = other.Wait(TimeSpan.FromSeconds(10));
        }
    }

    [Fact]
    public void ASecondCallerRunsItsJobInThePoolWhileTheFirstRuns()
    {
        using var startedA = new ManualResetEventSlim();
        using var startedB = new ManualResetEventSlim();
        var a = new MeetingJob(startedA, startedB, 8);
        var b = new MeetingJob(startedB, startedA, 8);
        var options = Compute.Parallel(2);
        bool ranA = false, ranB = false;
        var threadA = new Thread(() => ranA = WorkerPool.TryRun(a, 8, 2, options));
        var threadB = new Thread(() => ranB = WorkerPool.TryRun(b, 8, 2, options));
        threadA.Start(); threadB.Start();
        threadA.Join(); threadB.Join();

        Assert.True(ranA && ranB, $"the pool refused a caller: first {ranA}, second {ranB}");
        Assert.True(a.Met && b.Met, "the two jobs did not run at the same time");
        Assert.All(a.Runs.Concat(b.Runs), runs => Assert.Equal(1, runs));   // every chunk ran exactly once
    }

    [Fact]
    public void ConcurrentProductsGiveTheBitsOfALoneCaller()
    {
        var cases = new[] { new GemmCase<float>(200, 300, 250, seed: 1), new GemmCase<float>(180, 260, 300, seed: 2), new GemmCase<float>(150, 350, 200, seed: 3) };
        var alone = cases.Select(gc => { var c = gc.C0(false); gc.Run(false, true, 1, 0.5, c, Compute.Serial(ComputeOptions.HardwareVectorBits)); return c; }).ToArray();
        var traces = cases.Select(_ => new ParallelTrace()).ToArray();
        var mismatches = new int[cases.Length];
        using var start = new Barrier(cases.Length);
        var threads = cases.Select((gc, i) => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 30; round++)
            {
                var c = gc.C0(false);
                gc.Run(false, true, 1, 0.5, c, Compute.Parallel(2, traces[i]));
                if (!c.SequenceEqual(alone[i])) mismatches[i]++;
            }
        })).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        Assert.Equal(new int[cases.Length], mismatches);
    }
}
