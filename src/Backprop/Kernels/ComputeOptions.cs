using System.Runtime.Intrinsics;

namespace Backprop.Kernels;

/// <summary>
/// How much of the machine the kernels use: threads and SIMD width, immutable. The process default comes from the
/// environment (<see cref="FromEnvironment"/>); run a piece of code (and the async code it awaits) with other options through
/// <see cref="ComputeSettings.Use"/>. Results do not depend on either: threads split only the output, never a sum.
/// </summary>
public sealed record ComputeOptions
{
    private readonly int _threads = Environment.ProcessorCount;
    private readonly int _maxVectorBits = HardwareVectorBits;

    /// <summary>The widest SIMD width this processor accelerates: 512, 256 or 128.</summary>
    public static int HardwareVectorBits { get; } = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;

    /// <summary>Threads a large matrix product may use, the caller included (at least 1; default every core).</summary>
    public int Threads
    {
        get => _threads;
        init => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Threads), $"Threads must be at least 1; got {value}.");
    }

    /// <summary>Widest SIMD vector the kernels may use: 512, 256 or 128 bits (default, and at most, <see cref="HardwareVectorBits"/>).</summary>
    public int MaxVectorBits
    {
        get => _maxVectorBits;
        init => _maxVectorBits = value is 512 or 256 or 128
            ? Math.Min(value, HardwareVectorBits)
            : throw new ArgumentOutOfRangeException(nameof(MaxVectorBits), $"MaxVectorBits must be 512, 256 or 128; got {value}.");
    }

    /// <summary>
    /// The defaults, changed by the environment variables <c>BACKPROP_THREADS</c> (a count of at least 1) and
    /// <c>BACKPROP_VECTOR_BITS</c> (512, 256 or 128; other numbers round down to one of them); malformed values are ignored.
    /// </summary>
    public static ComputeOptions FromEnvironment()
    {
        var options = new ComputeOptions();
        if (EnvInt("BACKPROP_THREADS") is >= 1 and var threads) options = options with { Threads = threads };
        if (EnvInt("BACKPROP_VECTOR_BITS") is { } bits) options = options with { MaxVectorBits = bits >= 512 ? 512 : bits >= 256 ? 256 : 128 };
        return options;
    }

    /// <summary>
    /// Products with m·n·k (float-equivalent: double counts twice) below this stay on the calling thread, even with a
    /// worker spinning for work. Measured break-even on a 2-core AVX-512 EPYC (KVM): 64³ (0.26 M) gains 0.9–1.2×,
    /// 80³ (0.5 M) 1.3× (bench "breakeven"), so 0.39 M.
    /// </summary>
    internal long ParallelMinMultiplyAdds { get; init; } = 3L << 17;

    /// <summary>
    /// Products below this do not wake a sleeping worker: the wake-up costs the caller 2–6 µs and the worker joins
    /// 10–300 µs later on this VM: that call alone breaks even at ~2 M (bench "cold"). Once woken, a worker spins
    /// <see cref="WorkerSpinMicroseconds"/> for the next job, so the back-to-back products of a training step use it:
    /// hence 1 M, which lets a batch-16 784-128-10 MLP step wake it.
    /// </summary>
    internal long WakeMinMultiplyAdds { get; init; } = 1L << 20;

    /// <summary>How long an idle worker spins for the next job before it sleeps (µs).</summary>
    internal int WorkerSpinMicroseconds { get; init; } = 200;

    /// <summary>Bytes of one packed A block (A stored transposed only; shared by the threads, lives in L3).</summary>
    internal int ABlockBytes { get; init; } = 2 << 20;

    /// <summary>Columns of op(B) in one packed B block: kc×nb ≤ 512 KiB, private to a thread, lives in L2.</summary>
    internal int Nb { get; init; } = 512;

    /// <summary>When set, every parallel product adds the chunks its workers ran (tests check that work really ran in parallel).</summary>
    internal ParallelTrace? Trace { get; init; }

    /// <summary>These options with every product that can be split split over <see cref="Threads"/> (tests).</summary>
    internal ComputeOptions SplitAlways() => this with { ParallelMinMultiplyAdds = 0, WakeMinMultiplyAdds = 0 };

    /// <summary>These options with every product kept on the calling thread.</summary>
    internal ComputeOptions Serial() => this with { Threads = 1, ParallelMinMultiplyAdds = long.MaxValue, WakeMinMultiplyAdds = long.MaxValue };

    private static int? EnvInt(string name) => int.TryParse(Environment.GetEnvironmentVariable(name), out int v) ? v : null;
}
