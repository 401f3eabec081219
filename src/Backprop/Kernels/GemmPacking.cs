namespace Backprop.Kernels;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous micro-panels the micro-kernel streams, zero-padding the edges.
/// All four transposition cases are handled here, by the order in which the source is read.
/// </summary>
internal static unsafe class GemmPacking<TS, TV, T>
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged
{
    const int MR = GemmMicroKernel<TS, TV, T>.MR;

    /// <summary>
    /// Panels [q0, q1) of the A block at rows i0.., columns p0..p0+kc:
    /// dst[q·MR·kc + p·MR + r] = op(A)[i0 + q·MR + r, p0 + p], or 0 at rows ≥ i1.
    /// op(A)[i, p] = a[i·k + p], or a[p·m + i] when transposed.
    /// </summary>
    public static void PackA(in GemmProblem<T> g, int i0, int i1, int p0, int kc, int q0, int q1, T* dst)
    {
        for (int q = q0; q < q1; q++)
        {
            int row = i0 + q * MR, rows = Math.Min(MR, i1 - row);
            T* d = dst + (nint)q * MR * kc;
            if (g.TransA) PackRowsOfTransposed(g.A + (nint)p0 * g.M + row, g.M, rows, kc, d);
            else if (rows == MR) PackSixRows(g.A + (nint)row * g.K + p0, g.K, kc, d);
            else PackFewRows(g.A + (nint)row * g.K + p0, g.K, rows, kc, d);
        }
    }

    /// <summary>d[p·MR + r] = s[r·ld + p] for six full rows.</summary>
    static void PackSixRows(T* s, nint ld, int kc, T* d)
    {
        T* s0 = s, s1 = s + ld, s2 = s + 2 * ld, s3 = s + 3 * ld, s4 = s + 4 * ld, s5 = s + 5 * ld;
        for (int p = 0; p < kc; p++, d += MR)
        {
            d[0] = s0[p]; d[1] = s1[p]; d[2] = s2[p];
            d[3] = s3[p]; d[4] = s4[p]; d[5] = s5[p];
        }
    }

    /// <summary>d[p·MR + r] = s[r·ld + p] for r &lt; rows, 0 above.</summary>
    static void PackFewRows(T* s, nint ld, int rows, int kc, T* d)
    {
        for (int p = 0; p < kc; p++, d += MR)
            for (int r = 0; r < MR; r++) d[r] = r < rows ? s[r * ld + p] : default;
    }

    /// <summary>d[p·MR + r] = s[p·ld + r] for r &lt; rows, 0 above (A stored transposed: the column is contiguous).</summary>
    static void PackRowsOfTransposed(T* s, nint ld, int rows, int kc, T* d)
    {
        for (int p = 0; p < kc; p++, d += MR, s += ld)
            for (int r = 0; r < MR; r++) d[r] = r < rows ? s[r] : default;
    }

    /// <summary>
    /// The B block at columns j0..j1, rows p0..p0+kc, as panels of NR columns:
    /// dst[q·NR·kc + p·NR + c] = op(B)[p0 + p, j0 + q·NR + c], or 0 at columns ≥ j1.
    /// op(B)[p, j] = b[p·n + j], or b[j·k + p] when transposed.
    /// </summary>
    public static void PackB(in GemmProblem<T> g, int j0, int j1, int p0, int kc, T* dst)
    {
        int nr = GemmMicroKernel<TS, TV, T>.NR;
        for (int j = j0; j < j1; j += nr, dst += (nint)nr * kc)
        {
            int cols = Math.Min(nr, j1 - j);
            if (g.TransB) PackColumnsOfTransposed(g.B + (nint)j * g.K + p0, g.K, cols, nr, kc, dst);
            else if (cols == nr) PackFullRows(g.B + (nint)p0 * g.N + j, g.N, kc, dst);
            else PackPartRows(g.B + (nint)p0 * g.N + j, g.N, cols, nr, kc, dst);
        }
    }

    /// <summary>d[p·NR + c] = s[p·ld + c]: two vectors per row.</summary>
    static void PackFullRows(T* s, nint ld, int kc, T* d)
    {
        int w = TS.Count;
        for (int p = 0; p < kc; p++, s += ld, d += 2 * w)
        {
            TS.Store(d, TS.Load(s));
            TS.Store(d + w, TS.Load(s + w));
        }
    }

    /// <summary>d[p·NR + c] = s[p·ld + c] for c &lt; cols, 0 above.</summary>
    static void PackPartRows(T* s, nint ld, int cols, int nr, int kc, T* d)
    {
        for (int p = 0; p < kc; p++, s += ld, d += nr)
            for (int c = 0; c < nr; c++) d[c] = c < cols ? s[c] : default;
    }

    /// <summary>d[p·NR + c] = s[c·ld + p] for c &lt; cols, 0 above (B stored transposed: the row is contiguous).</summary>
    static void PackColumnsOfTransposed(T* s, nint ld, int cols, int nr, int kc, T* d)
    {
        for (int c = 0; c < nr; c++, s += ld)
        {
            T* dc = d + c;
            if (c < cols) for (int p = 0; p < kc; p++) dc[p * nr] = s[p];
            else for (int p = 0; p < kc; p++) dc[p * nr] = default;
        }
    }
}
