using System.Diagnostics;
using Backprop.Kernels;

namespace Backprop.Tests.Support;

/// <summary>
/// Runs a threaded computation again, back to back, until a worker thread really took part in it. A worker that wakes late
/// leaves every chunk to the caller, and on a loaded machine that can happen many times in a row, so the budget is time, not tries.
/// </summary>
internal static class WorkerRetry
{
    /// <summary>Calls <paramref name="attempt"/> with a fresh trace until a worker ran a chunk; fails saying <paramref name="what"/> after 20 s.</summary>
    public static void UntilWorkerRan(Action<ParallelTrace> attempt, string what)
    {
        var budget = Stopwatch.StartNew();
        while (true)
        {
            var trace = new ParallelTrace();
            attempt(trace);
            if (trace.ChunksOnWorkers > 0) return;
            Assert.True(budget.Elapsed < TimeSpan.FromSeconds(20), $"{what} never ran on a worker in 20 s of retries");
        }
    }
}
