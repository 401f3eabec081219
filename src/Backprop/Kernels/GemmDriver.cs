using System.Numerics;
using static Backprop.Kernels.GemmBlocking;

namespace Backprop.Kernels;

/// <summary>
/// The blocked loops around the micro-kernel (BLIS order, row-major): for each A block of rows × k-block, pack A
/// (jointly, if several threads share it); for each B block of this thread's columns, pack B; then run the
/// micro-kernel over every MR-row A panel (kept in L1) × NR-column B panel (streamed from L2).
/// </summary>
internal static unsafe class GemmDriver<TS, TV, T>
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged, IFloatingPointIeee754<T>
{
    const int MR = GemmMicroKernel<TS, TV, T>.MR;
    static int NR => GemmMicroKernel<TS, TV, T>.NR;

    /// <summary>Elements of the two A-block slots for rows [i0, i1).</summary>
    public static nint ABufferSize(in GemmProblem<T> g, int i0, int i1) => 2 * (nint)Block(i1 - i0, Mb, MR) * Kc<T>(g.K);

    /// <summary>
    /// C[i0..i1, j0..j1] = α·op(A)·op(B) + β·C. The A blocks live in <paramref name="aBuf"/> (two alternating slots):
    /// this caller packs its share (part of parts) and the barrier waits for the others, so all parts must call this
    /// with the same rows and k.
    /// </summary>
    public static void Compute(in GemmProblem<T> g, int i0, int i1, int j0, int j1, int part, int parts, SpinBarrier? barrier, T* aBuf)
    {
        int kcMax = Kc<T>(g.K), mb = Block(i1 - i0, Mb, MR);
        int nb = Block(j1 - j0, Nb, NR);
        T* bBuf = GemmScratch.B<T>((nint)nb * kcMax);
        int slot = 0;
        for (int ib = i0; ib < i1; ib += mb)
        {
            int ie = Math.Min(i1, ib + mb), panels = CeilDiv(ie - ib, MR);
            for (int pb = 0; pb < g.K; pb += kcMax, slot ^= 1)
            {
                int kc = Math.Min(kcMax, g.K - pb);
                T* aBlock = aBuf + slot * (nint)mb * kcMax;
                GemmPacking<TS, TV, T>.PackA(g, ib, ie, pb, kc, panels * part / parts, panels * (part + 1) / parts, aBlock);
                barrier?.SignalAndWait(parts);
                bool first = pb == 0;
                for (int jb = j0; jb < j1; jb += nb)
                {
                    int je = Math.Min(j1, jb + nb);
                    GemmPacking<TS, TV, T>.PackB(g, jb, je, pb, kc, bBuf);
                    Multiply(g, ib, ie, jb, je, kc, aBlock, bBuf, first);
                }
            }
        }
    }

    /// <summary>C[ib..ie, jb..je] (+)= α·Apacked·Bpacked over one k-block; β applies on the first k-block only.</summary>
    static void Multiply(in GemmProblem<T> g, int ib, int ie, int jb, int je, int kc, T* aBlock, T* bBlock, bool first)
    {
        int nr = NR;
        bool overwrite = first && g.Beta == T.Zero;
        T beta = first ? g.Beta : T.One;
        TV alphaV = TS.Splat(g.Alpha), betaV = TS.Splat(beta);
        for (int i = ib; i < ie; i += MR, aBlock += MR * kc)
        {
            int rows = Math.Min(MR, ie - i);
            T* b = bBlock, c = g.C + (nint)i * g.N;
            for (int j = jb; j < je; j += nr, b += nr * kc)
            {
                int cols = Math.Min(nr, je - j);
                if (rows == MR && cols == nr) GemmMicroKernel<TS, TV, T>.Run(kc, aBlock, b, c + j, g.N, alphaV, betaV, overwrite);
                else Edge(kc, aBlock, b, c + j, g.N, rows, cols, g.Alpha, beta, overwrite);
            }
        }
    }

    /// <summary>A partial tile: the kernel writes the full tile to a scratch tile, then only rows × cols reach C.</summary>
    static void Edge(int kc, T* a, T* b, T* c, nint ldc, int rows, int cols, T alpha, T beta, bool overwrite)
    {
        int nr = NR;
        T* tile = stackalloc T[MR * 64];
        GemmMicroKernel<TS, TV, T>.Run(kc, a, b, tile, nr, TS.Splat(T.One), TS.Splat(T.Zero), overwrite: true);
        for (int r = 0; r < rows; r++, c += ldc)
            for (int j = 0; j < cols; j++)
            {
                T t = tile[r * nr + j];
                c[j] = overwrite ? alpha * t : T.FusedMultiplyAdd(alpha, t, beta * c[j]);
            }
    }
}
