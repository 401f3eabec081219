using System.Numerics;
using static Backprop.Kernels.GemmBlocking;

namespace Backprop.Kernels;

/// <summary>
/// Splits one GEMM over threads by output tiles, never over k, so every C element is summed in the same order
/// whatever the thread count. Columns are split by default (the A blocks are packed jointly and shared,
/// each thread packs its own B); rows are split when there are too few column tiles (each thread packs its own A and B).
/// </summary>
internal sealed unsafe class GemmJob<TS, TV, T> : ParallelJob
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic] static GemmJob<TS, TV, T>? mine;

    const int MR = GemmMicroKernel<TS, TV, T>.MR;
    static int NR => GemmMicroKernel<TS, TV, T>.NR;

    readonly SpinBarrier barrier = new();
    GemmProblem<T> g;
    T* aShared;
    bool splitRows;

    /// <summary>Runs the product on up to options.Threads threads (one if it is smaller than the break-even).</summary>
    public static void Run(in GemmProblem<T> g, in GemmOptions options)
    {
        int tilesM = CeilDiv(g.M, MR), tilesN = CeilDiv(g.N, NR);
        long work = (long)g.M * g.N * g.K * sizeof(T) / sizeof(float);
        int parts = work < options.ParallelMinMultiplyAdds ? 1 : Math.Min(options.Threads, Math.Max(tilesM, tilesN));
        if (parts <= 1)
        {
            GemmDriver<TS, TV, T>.Compute(g, 0, g.M, 0, g.N, 0, 1, null, GemmScratch.A<T>(GemmDriver<TS, TV, T>.ABufferSize(g, 0, g.M)));
            return;
        }
        var job = mine ??= new GemmJob<TS, TV, T>();
        job.g = g;
        job.splitRows = Balance(tilesM, parts) > Balance(tilesN, parts) + 0.125;
        job.aShared = job.splitRows ? null : GemmScratch.A<T>(GemmDriver<TS, TV, T>.ABufferSize(g, 0, g.M));
        WorkerPool.Run(job, parts);
    }

    /// <summary>Fraction of busy thread-time when tiles are dealt to parts in contiguous near-equal runs.</summary>
    static double Balance(int tiles, int parts) => (double)tiles / (parts * CeilDiv(tiles, parts));

    public override void Execute(int part, int parts)
    {
        if (parts == 1 || splitRows)
        {
            (int i0, int i1) = Range(g.M, MR, part, parts);
            T* aBuf = GemmScratch.A<T>(GemmDriver<TS, TV, T>.ABufferSize(g, i0, i1));
            GemmDriver<TS, TV, T>.Compute(g, i0, i1, 0, g.N, 0, 1, null, aBuf);
        }
        else
        {
            (int j0, int j1) = Range(g.N, NR, part, parts);
            GemmDriver<TS, TV, T>.Compute(g, 0, g.M, j0, j1, part, parts, barrier, aShared);
        }
    }

    /// <summary>Part's share [lo, hi) of len, cut at multiples of unit.</summary>
    static (int, int) Range(int len, int unit, int part, int parts)
    {
        int tiles = CeilDiv(len, unit);
        return (Math.Min(len, tiles * part / parts * unit), Math.Min(len, tiles * (part + 1) / parts * unit));
    }
}
