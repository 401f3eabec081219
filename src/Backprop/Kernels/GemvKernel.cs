using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>
/// The one-row product (inference on one sample): c[j] = α·Σ_p a[p]·B[p, j] + β·c[j], B [k, n] read in place, no packing.
/// Eight (then four, then one) vectors of columns are summed in registers over all of k, in order p = 0..k-1 with one rounding per step,
/// so every element has the same bits at every vector width. The sum is final when stored, so the bias is added in place of β·c
/// from the registers and the epilogue's f (into Activated) runs over the chunk right after, while it is in L1.
/// </summary>
internal static unsafe class GemvKernel<TS, TV, T>
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged, IFloatingPointIeee754<T>
{
    const int Block = 8;

    /// <summary>Row 0 of C over columns [j0, j1) for op(B) = B (not transposed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Columns<TE>(in GemmProblem<T> g, int j0, int j1, TE epi) where TE : struct, IGemmEpilogue
    {
        int w = TS.Count, n = g.N, k = g.K;
        T* a = g.A, b = g.B;
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
            Put(g, j, s0, w); Put(g, j + w, s1, w); Put(g, j + 2 * w, s2, w); Put(g, j + 3 * w, s3, w);
            Put(g, j + 4 * w, s4, w); Put(g, j + 5 * w, s5, w); Put(g, j + 6 * w, s6, w); Put(g, j + 7 * w, s7, w);
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
            Put(g, j, s0, w); Put(g, j + w, s1, w); Put(g, j + 2 * w, s2, w); Put(g, j + 3 * w, s3, w);
        }
        for (; j < j1; j += w)
        {
            int lanes = Math.Min(w, j1 - j);
            TV s = default;
            T* row = b + j;
            for (int p = 0; p < k; p++, row += n) s = TS.Fma(TS.Splat(a + p), lanes == w ? TS.Load(row) : TS.LoadFirst(row, lanes), s);
            Put(g, j, s, lanes);
        }
        if (g.Activated != null) Activate(g.C, g.Activated, j0, j1, epi);
    }

    /// <summary>a[j] = f(c[j]) over [j0, j1), just stored and still in L1 (one call site of f).</summary>
    static void Activate<TE>(T* c, T* a, int j0, int j1, TE epi) where TE : struct, IGemmEpilogue
    {
        int w = TS.Count;
        for (int j = j0; j < j1; j += w)
        {
            int n = Math.Min(w, j1 - j);
            if (n == w) TS.Store(a + j, epi.Apply(TS.Load(c + j)));
            else TS.StoreFirst(a + j, epi.Apply(TS.LoadFirst(c + j, n)), n);
        }
    }

    /// <summary>c[j..j+lanes) = α·s + (bias[j..] or β·c[j..]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Put(in GemmProblem<T> g, int j, TV s, int lanes)
    {
        TV z = g.Bias != null ? Combine(g.Alpha, s, T.One, Read(g.Bias + j, lanes))
            : g.Beta == T.Zero && g.Alpha == T.One ? s : Combine(g.Alpha, s, g.Beta, g.Beta == T.Zero ? default : Read(g.C + j, lanes));
        Write(g.C + j, z, lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TV Read(T* p, int lanes) => lanes == TS.Count ? TS.Load(p) : TS.LoadFirst(p, lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Write(T* p, TV v, int lanes)
    {
        if (lanes == TS.Count) TS.Store(p, v);
        else TS.StoreFirst(p, v, lanes);
    }

    // α·s + β·c, with β = 0 ignoring c (even NaN)
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TV Combine(T alpha, TV s, T beta, TV c)
    {
        var alphaS = alpha == T.One ? s : TS.Mul(TS.Splat(alpha), s);
        if (beta == T.Zero) return alphaS;
        return TS.Fma(TS.Splat(beta), c, alphaS);
    }
}
