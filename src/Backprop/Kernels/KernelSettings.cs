using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>
/// Process-wide knobs of the compute kernels. Defaults come from the hardware and from the environment variables
/// <c>BACKPROP_VECTOR_BITS</c> (512, 256 or 128) and <c>THREADS</c> (or <c>BACKPROP_THREADS</c>).
/// </summary>
internal static class KernelSettings
{
    /// <summary>The widest SIMD width the hardware accelerates: 512, 256 or 128.</summary>
    public static readonly int HardwareVectorBits =
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    static int maxVectorBits = Clamp(EnvInt("BACKPROP_VECTOR_BITS") ?? HardwareVectorBits);
    static int threads = Math.Max(1, EnvInt("BACKPROP_THREADS") ?? EnvInt("THREADS") ?? Environment.ProcessorCount);

    /// <summary>Widest vector the kernels may use (512, 256 or 128), never above <see cref="HardwareVectorBits"/>.</summary>
    public static int MaxVectorBits { get => maxVectorBits; set => maxVectorBits = Clamp(value); }

    /// <summary>Threads a large kernel may use, the caller included (≥ 1).</summary>
    public static int Threads { get => threads; set => threads = Math.Max(1, value); }

    /// <summary>
    /// Products with m·n·k (float-equivalent: double counts twice) below this stay on the calling thread, even with a
    /// worker spinning for work. Measured break-even on a 2-core AVX-512 EPYC (KVM): 64³ (0.26 M) gains 0.9–1.2×,
    /// 80³ (0.5 M) 1.3× (bench "breakeven"), so 0.39 M.
    /// </summary>
    public static long ParallelMinMultiplyAdds { get; set; } = 3L << 17;

    /// <summary>
    /// Products below this do not wake a sleeping worker: the wake-up costs the caller 2–6 µs and the worker joins
    /// 10–300 µs later on this VM: that call alone breaks even at ~2 M (bench "cold"). Once woken, a worker spins
    /// <see cref="WorkerSpinMicroseconds"/> for the next job, so the back-to-back products of a training step use it:
    /// hence 1 M, which lets a batch-16 784-128-10 MLP step wake it.
    /// </summary>
    public static long WakeMinMultiplyAdds { get; set; } = 1L << 20;

    /// <summary>How long an idle worker spins for the next job before it sleeps (µs).</summary>
    public static int WorkerSpinMicroseconds { get; set; } = 200;

    /// <summary>Rounds down to a supported width the hardware accelerates.</summary>
    static int Clamp(int bits) => Math.Min(bits >= 512 ? 512 : bits >= 256 ? 256 : 128, HardwareVectorBits);

    static int? EnvInt(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), out int v) ? v : null;
}

/// <summary>The settings one GEMM call runs with (tests pass them explicitly instead of changing the globals).</summary>
/// <param name="VectorBits">Widest vector to use: 512, 256 or 128 (capped by the hardware).</param>
/// <param name="Threads">Most threads to use, the caller included.</param>
/// <param name="ParallelMinMultiplyAdds">Below this m·n·k (float-equivalent) the product stays on the caller.</param>
/// <param name="WakeMinMultiplyAdds">Below this m·n·k a sleeping worker is not woken.</param>
internal readonly record struct GemmOptions(int VectorBits, int Threads, long ParallelMinMultiplyAdds, long WakeMinMultiplyAdds)
{
    /// <summary>The current <see cref="KernelSettings"/>.</summary>
    public static GemmOptions Current => new(KernelSettings.MaxVectorBits, KernelSettings.Threads,
        KernelSettings.ParallelMinMultiplyAdds, KernelSettings.WakeMinMultiplyAdds);

    /// <summary>Settings that use threads for any product size (tests).</summary>
    public static GemmOptions Parallel(int vectorBits, int threads) => new(vectorBits, threads, 0, 0);

    /// <summary>Settings that keep every product on the calling thread.</summary>
    public static GemmOptions Serial(int vectorBits) => new(vectorBits, 1, long.MaxValue, long.MaxValue);
}
