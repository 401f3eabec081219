using System.Runtime.CompilerServices;
using static Backprop.Kernels.GemmBlocking;

namespace Backprop.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panels the micro-kernel streams. All four transposition
/// cases are handled here, by the order in which the source is read, never by a transposed copy of a whole matrix.
/// B's last panel is zero-padded; a partial A panel is not (the kernel repeats its last row and does not store it).
/// </summary>
internal static unsafe class GemmPacking<TS, TV, T>
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged
{
    const int MR = GemmMicroKernel<TS, TV, T>.MR;

    /// <summary>
    /// A block of A stored transposed ([k, m]), rows i0..i1, columns p0..p0+kc, as MR-row panels, row by row:
    /// dst[q·MR·kc + r·kc + p] = op(A)[i0 + q·MR + r, p0 + p] = a[(p0 + p)·m + i0 + q·MR + r] for rows &lt; i1.
    /// (A not transposed is read in place by the kernel and never packed.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackTransposedA(in GemmProblem<T> g, int i0, int i1, int p0, int kc, T* dst)
    {
        for (int q = 0; q < CeilDiv(i1 - i0, MR); q++)
        {
            int row = i0 + q * MR, rows = Math.Min(MR, i1 - row);
            T* s = g.A + (nint)p0 * g.M + row, d = dst + (nint)q * MR * kc;
            int p = rows == MR && row + 8 <= g.M ? TransposeSixRows(s, g.M, kc, d) : 0;
            for (s += p * (nint)g.M; p < kc; p++, s += g.M)
                for (int r = 0; r < rows; r++) d[r * kc + p] = s[r];
        }
    }

    /// <summary>d[r·kc + p] = s[p·ld + r] for r &lt; 6 in blocks of 8 (float) or 4 (double) steps, reading 8 columns; returns the steps done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static int TransposeSixRows(T* s, nint ld, int kc, T* d)
    {
        if (!BlockTranspose.IsSupported) return 0;
        int p = 0;
        if (typeof(T) == typeof(float))
            for (; p + 8 <= kc; p += 8) BlockTranspose.Transpose8x8((float*)s + p * ld, ld, (float*)d + p, kc, 6);
        else if (typeof(T) == typeof(double))
            for (; p + 4 <= kc; p += 4)
            {
                BlockTranspose.Transpose4x4((double*)s + p * ld, ld, (double*)d + p, kc, 4);
                BlockTranspose.Transpose4x4((double*)s + p * ld + 4, ld, (double*)d + 4 * kc + p, kc, 2);
            }
        return p;
    }

    /// <summary>
    /// The B block at columns j0..j1, rows p0..p0+kc, as panels of NR columns:
    /// dst[q·NR·kc + p·NR + c] = op(B)[p0 + p, j0 + q·NR + c], or 0 at columns ≥ j1.
    /// op(B)[p, j] = b[p·n + j], or b[j·k + p] when transposed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(in GemmProblem<T> g, int j0, int j1, int p0, int kc, T* dst)
    {
        int nr = GemmMicroKernel<TS, TV, T>.NR;
        for (int j = j0; j < j1; j += nr, dst += (nint)nr * kc)
        {
            int cols = Math.Min(nr, j1 - j);
            if (g.TransB) PackColumnsOfTransposed(g.B + (nint)j * g.K + p0, g.K, cols, nr, kc, dst);
            else if (cols == nr) PackFullRows(g.B + (nint)p0 * g.N + j, g.N, kc, dst);
            else PackPartRows(g.B + (nint)p0 * g.N + j, g.N, cols, kc, dst);
        }
    }

    /// <summary>d[p·NR + c] = s[p·ld + c]: two vectors per row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PackFullRows(T* s, nint ld, int kc, T* d)
    {
        int w = TS.Count;
        for (int p = 0; p < kc; p++, s += ld, d += 2 * w)
        {
            TS.Store(d, TS.Load(s));
            TS.Store(d + w, TS.Load(s + w));
        }
    }

    /// <summary>d[p·NR + c] = s[p·ld + c] for c &lt; cols, 0 above (masked loads never touch memory past the row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PackPartRows(T* s, nint ld, int cols, int kc, T* d)
    {
        int w = TS.Count, n0 = Math.Min(cols, w), n1 = Math.Max(0, cols - w);
        for (int p = 0; p < kc; p++, s += ld, d += 2 * w)
        {
            TS.Store(d, TS.LoadFirst(s, n0));
            TS.Store(d + w, TS.LoadFirst(s + w, n1));
        }
    }

    /// <summary>d[p·NR + c] = s[c·ld + p] for c &lt; cols, 0 above (B stored transposed: the row is contiguous).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void PackColumnsOfTransposed(T* s, nint ld, int cols, int nr, int kc, T* d)
    {
        int c = 0, block = typeof(T) == typeof(float) ? 8 : 4;
        if (BlockTranspose.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(double)))
            for (; c + block <= cols; c += block)
            {
                int p = 0;
                for (; p + block <= kc; p += block)
                    if (typeof(T) == typeof(float)) BlockTranspose.Transpose8x8((float*)s + c * ld + p, ld, (float*)d + p * nr + c, nr, 8);
                    else BlockTranspose.Transpose4x4((double*)s + c * ld + p, ld, (double*)d + p * nr + c, nr, 4);
                for (; p < kc; p++)
                    for (int i = c; i < c + block; i++) d[p * nr + i] = s[i * ld + p];
            }
        for (; c < nr; c++)
        {
            T* sc = s + c * ld, dc = d + c;
            if (c < cols) for (int p = 0; p < kc; p++) dc[p * nr] = sc[p];
            else for (int p = 0; p < kc; p++) dc[p * nr] = default;
        }
    }
}
