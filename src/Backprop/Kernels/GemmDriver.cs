using System.Numerics;
using System.Runtime.CompilerServices;
using static Backprop.Kernels.GemmBlocking;

namespace Backprop.Kernels;

/// <summary>
/// The blocked loops around the micro-kernel (BLIS order, row-major): for each block of A rows × k-block, pack A
/// if it is stored transposed; for each block of columns, pack B; then run the micro-kernel over every MR-row
/// A panel (kept in L1) × NR-column B panel (streamed from L2).
/// </summary>
internal static unsafe class GemmDriver<TS, TV, T>
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged, IFloatingPointIeee754<T>
{
    const int MR = GemmMicroKernel<TS, TV, T>.MR;
    static int NR => GemmMicroKernel<TS, TV, T>.NR;

    /// <summary>
    /// C[i0..i1, j0..j1] = α·op(A)·op(B) + β·C with this thread's packing buffers.
    /// A stored transposed is packed block by block; A not transposed is read in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute(in GemmProblem<T> g, int i0, int i1, int j0, int j1)
    {
        int kcMax = g.Kc, mb = Block(i1 - i0, g.Mb, MR), nb = Block(j1 - j0, g.Nb, NR);
        T* aBuf = g.TransA ? GemmScratch.A<T>((nint)mb * kcMax) : null, bBuf = GemmScratch.B<T>((nint)nb * kcMax);
        for (int ib = i0; ib < i1; ib += mb)
        {
            int ie = Math.Min(i1, ib + mb);
            for (int pb = 0; pb < g.K; pb += kcMax)
            {
                int kc = Math.Min(kcMax, g.K - pb);
                T* aBlock = g.A + (nint)ib * g.K + pb;
                nint lda = g.K;
                if (g.TransA)
                {
                    GemmPacking<TS, TV, T>.PackTransposedA(g, ib, ie, pb, kc, aBuf);
                    aBlock = aBuf;
                    lda = kc;
                }
                for (int jb = j0; jb < j1; jb += nb)
                {
                    int je = Math.Min(j1, jb + nb);
                    GemmPacking<TS, TV, T>.PackB(g, jb, je, pb, kc, bBuf);
                    Multiply(g, ib, ie, jb, je, kc, aBlock, lda, bBuf, first: pb == 0);
                }
            }
        }
    }

    /// <summary>
    /// C[ib..ie, jb..je] (+)= α·A·Bpacked over one k-block (A row i at aBlock + (i - ib)·lda); β applies on the first
    /// k-block only. Each A panel is used in place, or copied to the stack when its rows would alias in L1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    static void Multiply(in GemmProblem<T> g, int ib, int ie, int jb, int je, int kc, T* aBlock, nint lda, T* bBlock, bool first)
    {
        int nr = NR;
        bool overwrite = first && g.Beta == T.Zero, copyA = lda * sizeof(T) % 4096 == 0;
        TV alpha = TS.Splat(g.Alpha), beta = TS.Splat(first ? g.Beta : T.One);
        T* panel = stackalloc T[copyA ? MR * kc : 0];
        for (int i = ib; i < ie; i += MR, aBlock += MR * lda)
        {
            int rows = Math.Min(MR, ie - i);
            T* a = aBlock, b = bBlock, c = g.C + (nint)i * g.N;
            nint ld = lda;
            if (copyA)
            {
                // rows 4 KiB apart share L1 sets; a contiguous copy of the panel does not
                for (int r = 0; r < rows; r++) new ReadOnlySpan<T>(a + r * lda, kc).CopyTo(new Span<T>(panel + r * kc, kc));
                a = panel;
                ld = kc;
            }
            for (int j = jb; j < je; j += nr, b += nr * kc)
                GemmMicroKernel<TS, TV, T>.Run(kc, a, ld, rows, b, c + j, g.N, Math.Min(nr, je - j), alpha, beta, overwrite);
        }
    }
}
