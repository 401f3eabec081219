namespace Backprop.Kernels;

/// <summary>
/// Cache blocking of the GEMM loops. A k-block of kc steps is the unit of reduction: C gets one update per k-block,
/// so kc depends only on k and the element size (never on vector width or threads), which keeps results reproducible.
/// </summary>
internal static class GemmBlocking
{
    /// <summary>Bytes of one packed A row (kc elements): an MR×kc A micro-panel (6 KiB) stays in L1 while B streams.</summary>
    public const int KcBytes = 1024;

    /// <summary>Bytes of one packed A block (A stored transposed only; shared by the threads, lives in L3). Settable for tests.</summary>
    public static int ABlockBytes = 2 << 20;

    /// <summary>Columns of op(B) in one packed B block: kc×nb ≤ 512 KiB, private to a thread, lives in L2. Settable for tests.</summary>
    public static int Nb = 512;

    /// <summary>Steps of every k-block but the last: k split into ⌈k / kcMax⌉ near-equal blocks.</summary>
    public static unsafe int Kc<T>(int k) where T : unmanaged
    {
        int max = KcBytes / sizeof(T);
        return CeilDiv(k, CeilDiv(k, max));
    }

    /// <summary>Rows of op(A) per A block: ABlockBytes of packed A (A read in place needs no blocking).</summary>
    public static unsafe int Mb<T>(int kc, bool packed) where T : unmanaged => packed ? Math.Max(1, ABlockBytes / (kc * sizeof(T))) : 1 << 30;

    /// <summary>Size of each of the near-equal blocks covering len, at most max, a multiple of unit.</summary>
    public static int Block(int len, int max, int unit) => len <= 0 ? unit : RoundUp(CeilDiv(len, CeilDiv(len, max)), unit);

    public static int CeilDiv(int a, int b) => (a + b - 1) / b;

    public static int RoundUp(int a, int unit) => CeilDiv(a, unit) * unit;
}
