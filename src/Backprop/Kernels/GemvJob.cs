using System.Numerics;

namespace Backprop.Kernels;

/// <summary>
/// A one-row product split into column halves over the caller and a worker that is already spinning (back-to-back
/// predictions): each thread streams half of B. Column splits leave every sum in the same order, so the bits do not
/// depend on the thread count.
/// </summary>
internal sealed unsafe class GemvJob<TS, TV, T> : ParallelJob
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Below this k·n (float-equivalent) the product stays on the caller.</summary>
    const long ParallelMinMultiplyAdds = 1L << 15;

    [ThreadStatic] static GemvJob<TS, TV, T>? mine;

    GemmProblem<T> g;
    int half;

    /// <summary>Row 0 of C for op(B) = B, on two threads when the product is large enough and a worker is spinning.</summary>
    public static void Run(in GemmProblem<T> g, ComputeOptions options)
    {
        long work = (long)g.N * g.K * sizeof(T) / sizeof(float);
        int w4 = 4 * TS.Count;
        if (options.Threads < 2 || work < ParallelMinMultiplyAdds || g.N < 2 * w4 || !WorkerPool.IsHot(2))
        {
            GemvKernel<TS, TV, T>.Columns(g, 0, g.N);
            return;
        }
        var job = mine ??= new GemvJob<TS, TV, T>();
        (job.g, job.half) = (g, (g.N / 2 + w4 - 1) / w4 * w4);
        if (!WorkerPool.TryRun(job, 2, 2, options)) GemvKernel<TS, TV, T>.Columns(g, 0, g.N);
    }

    public override void RunChunk(int index)
    {
        if (index == 0) GemvKernel<TS, TV, T>.Columns(g, 0, half);
        else GemvKernel<TS, TV, T>.Columns(g, half, g.N);
    }
}
