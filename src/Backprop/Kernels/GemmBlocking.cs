namespace Backprop.Kernels;

/// <summary>
/// Cache blocking of the GEMM loops. A k-block of kc steps is the unit of reduction: C gets one update per k-block,
/// so kc depends only on k and the element size (never on vector width or threads), which keeps results reproducible.
/// The A- and B-block sizes come from <see cref="ComputeOptions"/>.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>Bytes of one packed A row (kc elements): an MR×kc A micro-panel (6 KiB) stays in L1 while B streams.</summary>
    public const int KcBytes = 1024;

    /// <summary>Steps of every k-block but the last: k split into ⌈k / kcMax⌉ near-equal blocks.</summary>
    public static unsafe int Kc<T>(int k) where T : unmanaged
    {
        int max = KcBytes / sizeof(T);
        return CeilDiv(k, CeilDiv(k, max));
    }

    /// <summary>Rows of op(A) per A block: <paramref name="aBlockBytes"/> of packed A (A read in place needs no blocking).</summary>
    public static unsafe int Mb<T>(int kc, bool packed, int aBlockBytes) where T : unmanaged => packed ? Math.Max(1, aBlockBytes / (kc * sizeof(T))) : 1 << 30;

    /// <summary>Size of each of the near-equal blocks covering len, at most max, a multiple of unit.</summary>
    public static int Block(int len, int max, int unit) => len <= 0 ? unit : RoundUp(CeilDiv(len, CeilDiv(len, max)), unit);

    public static int CeilDiv(int a, int b) => (a + b - 1) / b;

    public static int RoundUp(int a, int unit) => CeilDiv(a, unit) * unit;
}
