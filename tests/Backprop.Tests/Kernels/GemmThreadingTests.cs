using Backprop.Kernels;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>Threading never changes a bit of the result, and steady-state calls allocate nothing.</summary>
[Collection(nameof(WorkerPoolCollection))]
public class GemmThreadingTests
{
    static ComputeOptions Threads(int threads, ParallelTrace? trace = null) => Compute.Parallel(threads, trace);

    // 300×700×600: column strips, or row strips when A is stored transposed; 1000×20×300: row strips (too few column tiles).
    [Theory]
    [InlineData(300, 700, 600, false, false)]
    [InlineData(300, 700, 600, true, true)]
    [InlineData(1000, 20, 300, false, true)]
    [InlineData(1000, 20, 300, true, false)]
    public void FloatBitIdenticalOnOneTwoAndThreeThreads(int m, int n, int k, bool transA, bool transB)
    {
        var gc = new GemmCase<float>(m, n, k, seed: 42);
        var one = gc.C0(false);
        gc.Run(transA, transB, 0.75, 0.5, one, Threads(1));
        foreach (int threads in new[] { 2, 3 })
        {
            // Chunks are claimed dynamically: retry until a worker really took some (it may wake late).
            WorkerRetry.UntilWorkerRan(trace =>
            {
                var many = gc.C0(false);
                gc.Run(transA, transB, 0.75, 0.5, many, Threads(threads, trace));
                Assert.Equal(one, many);
            }, "the product");
        }
        gc.Check(one, 0.75, 0.5, "threads");
    }

    [Fact]
    public void SmallBlocksMatchNaive()
    {
        // Many A blocks (transposed A) and B blocks, with threads: the blocking must not change any result bit.
        var gc = new GemmCase<float>(97, 257, 300, seed: 11);
        foreach (bool transA in new[] { false, true })
        {
            var expected = gc.C0(false);
            gc.Run(transA, true, -2, 0.5, expected, Threads(1));
            foreach (int threads in new[] { 1, 2 })
            {
                var c = gc.C0(false);
                gc.Run(transA, true, -2, 0.5, c, Threads(threads) with { ABlockBytes = 7 * 150 * 4, Nb = 40 });
                Assert.Equal(expected, c);
            }
            gc.Check(expected, -2, 0.5, $"transA={transA}");
        }
    }

    [Fact]
    public void DoubleBitIdenticalOnOneAndTwoThreads()
    {
        var gc = new GemmCase<double>(130, 200, 300, seed: 7);
        var one = gc.C0(true);
        gc.Run(false, true, -2, 0, one, Threads(1));
        var two = gc.C0(true);
        gc.Run(false, true, -2, 0, two, Threads(2));
        Assert.Equal(one, two);
        gc.Check(two, -2, 0, "threads");
    }

    [Fact]
    public void SmallAwkwardShapesSplitCorrectly()
    {
        foreach (var (m, n, k) in new[] { (13, 97, 31), (97, 13, 31), (7, 33, 257), (769, 17, 5), (5, 1025, 3) })
        {
            var gc = new GemmCase<float>(m, n, k, seed: m + n + k);
            foreach (int threads in new[] { 2, 3 })
            {
                var c = gc.C0(true);
                gc.Run(true, false, -2, 0, c, Threads(threads));
                gc.Check(c, -2, 0, $"threads={threads}");
            }
        }
    }

    [Fact]
    public void ConcurrentCallersGetCorrectResults()
    {
        var gc = new GemmCase<float>(120, 150, 170, seed: 3);
        var results = new float[4][];
        Parallel.For(0, 4, i =>
        {
            for (int rep = 0; rep < 5; rep++)
            {
                results[i] = gc.C0(false);
                gc.Run(false, false, 1, 1, results[i], Threads(2));
            }
        });
        foreach (var c in results) gc.Check(c, 1, 1, "concurrent");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SteadyStateAllocatesNothing(int threads)
    {
        // An MLP layer, forward and both backward products: [64,784]·[784,128], [784,64]ᵀ·[64,128], [64,128]·[784,128]ᵀ.
        float[] x = new float[64 * 784], w = new float[784 * 128], z = new float[64 * 128], dw = new float[784 * 128], dx = new float[64 * 784];
        var options = threads == 1 ? new ComputeOptions().Serial() : Threads(threads);
        void Step()
        {
            Gemm.Run(false, false, 64, 128, 784, 1f, x, w, 1f, z, options);
            Gemm.Run(true, false, 784, 128, 64, 1f, x, z, 1f, dw, options);
            Gemm.Run(false, true, 64, 784, 128, 1f, z, w, 0f, dx, options);
        }
        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
