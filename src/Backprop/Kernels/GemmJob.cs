using System.Numerics;
using System.Runtime.CompilerServices;
using static Backprop.Kernels.GemmBlocking;

namespace Backprop.Kernels;

/// <summary>
/// Cuts one GEMM into chunks of whole output tiles — column strips by default, row strips when A stored transposed is
/// the costlier operand to pack or there are too few column tiles — never into parts of k, so every C element is
/// summed in the same order whatever thread runs it. Chunks are independent: each packs what it needs itself.
/// </summary>
internal sealed unsafe class GemmJob<TS, TV, T> : ParallelJob
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Chunks per thread: enough for a late or descheduled thread to be covered by the others.</summary>
    const int ChunksPerThread = 4;

    const int MR = GemmMicroKernel<TS, TV, T>.MR;
    static int NR => GemmMicroKernel<TS, TV, T>.NR;

    [ThreadStatic] static GemmJob<TS, TV, T>? mine;

    GemmProblem<T> g;
    bool byRows;
    int chunkTiles;

    /// <summary>Runs the product on up to options.Threads threads (one if it is smaller than the break-even for a spinning or sleeping worker).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(ref GemmProblem<T> g, ComputeOptions options)
    {
        g.Kc = Kc<T>(g.K);
        g.Mb = Mb<T>(g.Kc, g.TransA, options.ABlockBytes);
        g.Nb = options.Nb;
        long work = (long)g.M * g.N * g.K * sizeof(T) / sizeof(float);
        int threads = work >= options.ParallelMinMultiplyAdds && (work >= options.WakeMinMultiplyAdds || WorkerPool.IsHot(options.Threads))
            ? options.Threads : 1;
        int tilesM = CeilDiv(g.M, MR), tilesN = CeilDiv(g.N, NR);
        bool byRows = SplitRows(g, tilesM, tilesN, threads);
        int tiles = byRows ? tilesM : tilesN, chunkTiles = CeilDiv(tiles, Math.Min(tiles, ChunksPerThread * threads));
        int chunks = CeilDiv(tiles, chunkTiles);
        if (threads <= 1 || chunks <= 1)
        {
            GemmDriver<TS, TV, T>.Compute(g, 0, g.M, 0, g.N);
            return;
        }
        var job = mine ??= new GemmJob<TS, TV, T>();
        (job.g, job.byRows, job.chunkTiles) = (g, byRows, chunkTiles);
        if (!WorkerPool.TryRun(job, chunks, threads, options)) GemmDriver<TS, TV, T>.Compute(g, 0, g.M, 0, g.N);
    }

    /// <summary>
    /// Row strips when only rows give every thread two tiles, or when their repeated packing is cheaper: every row
    /// strip packs all of B (k·n, a transpose costs ~3× a copy), every column strip all of a transposed A (k·m).
    /// </summary>
    static bool SplitRows(in GemmProblem<T> g, int tilesM, int tilesN, int threads)
    {
        bool rowsEnough = tilesM >= 2 * threads, colsEnough = tilesN >= 2 * threads;
        if (rowsEnough != colsEnough) return rowsEnough;
        if (!rowsEnough) return tilesM > tilesN;
        long packB = (long)g.N * (g.TransB ? 3 : 1), packA = (long)g.M * (g.TransA ? 3 : 0);
        return packB < packA;
    }

    public override void RunChunk(int index)
    {
        if (byRows)
        {
            int i0 = index * chunkTiles * MR;
            GemmDriver<TS, TV, T>.Compute(g, i0, Math.Min(g.M, i0 + chunkTiles * MR), 0, g.N);
        }
        else
        {
            int j0 = index * chunkTiles * NR;
            GemmDriver<TS, TV, T>.Compute(g, 0, g.M, j0, Math.Min(g.N, j0 + chunkTiles * NR));
        }
    }
}
