using Backprop.Kernels;

namespace Backprop.Tests.Support;

/// <summary>Compute options the kernel tests pass explicitly (no test changes the process default).</summary>
internal static class Compute
{
    /// <summary>Every product on the calling thread, vectors at most <paramref name="bits"/> wide.</summary>
    public static ComputeOptions Serial(int bits) => new ComputeOptions { MaxVectorBits = bits }.Serial();

    /// <summary>Every product that can be split split over <paramref name="threads"/>, whatever its size.</summary>
    public static ComputeOptions Parallel(int threads, ParallelTrace? trace = null) => new ComputeOptions { Threads = threads, Trace = trace }.SplitAlways();
}
