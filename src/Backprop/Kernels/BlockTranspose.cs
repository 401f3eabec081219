using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Backprop.Kernels;

/// <summary>Small in-register transposes (AVX) for packing transposed operands: d[r·ldd + i] = s[i·lds + r].</summary>
internal static unsafe class BlockTranspose
{
    /// <summary>Whether the AVX transposes may be used.</summary>
    public static bool IsSupported => Avx.IsSupported;

    /// <summary>8×8 floats: d[r·ldd + i] = s[i·lds + r] for i &lt; 8, r &lt; outRows (6 or 8; reads the full 8×8 block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose8x8(float* s, nint lds, float* d, nint ldd, int outRows)
    {
        Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + lds), r2 = Avx.LoadVector256(s + 2 * lds),
            r3 = Avx.LoadVector256(s + 3 * lds), r4 = Avx.LoadVector256(s + 4 * lds), r5 = Avx.LoadVector256(s + 5 * lds),
            r6 = Avx.LoadVector256(s + 6 * lds), r7 = Avx.LoadVector256(s + 7 * lds);
        // pairs of rows interleaved, then quads, then the 128-bit halves exchanged
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3),
            t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE),
            u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(d, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(d + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(d + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(d + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(d + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(d + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        if (outRows > 6)
        {
            Avx.Store(d + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
            Avx.Store(d + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
        }
    }

    /// <summary>4×4 doubles: d[r·ldd + i] = s[i·lds + r] for i &lt; 4, r &lt; outRows (2 or 4; reads the full 4×4 block).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose4x4(double* s, nint lds, double* d, nint ldd, int outRows)
    {
        Vector256<double> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + lds),
            r2 = Avx.LoadVector256(s + 2 * lds), r3 = Avx.LoadVector256(s + 3 * lds);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Store(d, Avx.Permute2x128(t0, t2, 0x20));
        Avx.Store(d + ldd, Avx.Permute2x128(t1, t3, 0x20));
        if (outRows > 2)
        {
            Avx.Store(d + 2 * ldd, Avx.Permute2x128(t0, t2, 0x31));
            Avx.Store(d + 3 * ldd, Avx.Permute2x128(t1, t3, 0x31));
        }
    }
}
