namespace Backprop.Kernels;

/// <summary>
/// How much of the machine the kernels use. Defaults: every core (or the <c>THREADS</c> / <c>BACKPROP_THREADS</c>
/// environment variable) and the widest SIMD the processor accelerates (or <c>BACKPROP_VECTOR_BITS</c>).
/// Results do not depend on either: threads split only the output, never a sum.
/// </summary>
public static class ComputeSettings
{
    /// <summary>Threads a large matrix product may use, the caller included (at least 1).</summary>
    public static int Threads
    {
        get => KernelSettings.Threads;
        set => KernelSettings.Threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"Threads must be at least 1; got {value}.");
    }

    /// <summary>Widest SIMD vector the kernels may use: 512, 256 or 128 bits (capped by what the processor accelerates).</summary>
    public static int MaxVectorBits
    {
        get => KernelSettings.MaxVectorBits;
        set => KernelSettings.MaxVectorBits = value is 512 or 256 or 128 ? value : throw new ArgumentOutOfRangeException(nameof(value), $"MaxVectorBits must be 512, 256 or 128; got {value}.");
    }

    /// <summary>The widest SIMD width this processor accelerates.</summary>
    public static int HardwareVectorBits => KernelSettings.HardwareVectorBits;
}
