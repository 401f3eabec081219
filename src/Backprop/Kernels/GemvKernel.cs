using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>
/// The one-row product (inference on one sample): c[j] = α·Σ_p a[p]·B[p, j] + β·c[j], B [k, n] read in place, no packing.
/// Eight (then four, then one) vectors of columns are summed in registers over all of k, in order p = 0..k-1 with one rounding per step,
/// so every element has the same bits at every vector width.
/// </summary>
internal static unsafe class GemvKernel<TS, TV, T>
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged, IFloatingPointIeee754<T>
{
    const int Block = 8;

    /// <summary>Row 0 of C over columns [j0, j1) for op(B) = B (not transposed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Columns(in GemmProblem<T> g, int j0, int j1)
    {
        int w = TS.Count, n = g.N, k = g.K;
        T* a = g.A, b = g.B, c = g.C;
        int j = j0;
        for (; j + Block * w <= j1; j += Block * w)
        {
            TV s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
            T* row = b + j;
            for (int p = 0; p < k; p++, row += n)
            {
                TV x = TS.Splat(a + p);
                s0 = TS.Fma(x, TS.Load(row), s0); s1 = TS.Fma(x, TS.Load(row + w), s1);
                s2 = TS.Fma(x, TS.Load(row + 2 * w), s2); s3 = TS.Fma(x, TS.Load(row + 3 * w), s3);
                s4 = TS.Fma(x, TS.Load(row + 4 * w), s4); s5 = TS.Fma(x, TS.Load(row + 5 * w), s5);
                s6 = TS.Fma(x, TS.Load(row + 6 * w), s6); s7 = TS.Fma(x, TS.Load(row + 7 * w), s7);
            }
            Put(g, c + j, s0); Put(g, c + j + w, s1); Put(g, c + j + 2 * w, s2); Put(g, c + j + 3 * w, s3);
            Put(g, c + j + 4 * w, s4); Put(g, c + j + 5 * w, s5); Put(g, c + j + 6 * w, s6); Put(g, c + j + 7 * w, s7);
        }
        for (; j + 4 * w <= j1; j += 4 * w)
        {
            TV s0 = default, s1 = default, s2 = default, s3 = default;
            T* row = b + j;
            for (int p = 0; p < k; p++, row += n)
            {
                TV x = TS.Splat(a + p);
                s0 = TS.Fma(x, TS.Load(row), s0); s1 = TS.Fma(x, TS.Load(row + w), s1);
                s2 = TS.Fma(x, TS.Load(row + 2 * w), s2); s3 = TS.Fma(x, TS.Load(row + 3 * w), s3);
            }
            Put(g, c + j, s0); Put(g, c + j + w, s1); Put(g, c + j + 2 * w, s2); Put(g, c + j + 3 * w, s3);
        }
        for (; j < j1; j += w)
        {
            int lanes = Math.Min(w, j1 - j);
            TV s = default;
            T* row = b + j;
            for (int p = 0; p < k; p++, row += n) s = TS.Fma(TS.Splat(a + p), lanes == w ? TS.Load(row) : TS.LoadFirst(row, lanes), s);
            if (lanes == w) Put(g, c + j, s);
            else TS.StoreFirst(c + j, Combine(g, s, TS.LoadFirst(c + j, lanes)), lanes);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Put(in GemmProblem<T> g, T* c, TV s) => TS.Store(c, g.Beta == T.Zero && g.Alpha == T.One ? s : Combine(g, s, TS.Load(c)));

    // α·s + β·c, with β = 0 ignoring c (even NaN)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TV Combine(in GemmProblem<T> g, TV s, TV c)
    {
        var alphaS = g.Alpha == T.One ? s : TS.Mul(TS.Splat(g.Alpha), s);
        if (g.Beta == T.Zero) return alphaS;
        return g.Beta == T.One ? TS.Fma(TS.Splat(T.One), c, alphaS) : TS.Fma(TS.Splat(g.Beta), c, alphaS);
    }
}
