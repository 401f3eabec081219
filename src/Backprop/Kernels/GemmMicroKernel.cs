using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>
/// The register-blocked inner kernel: a 6 × 2w tile of C (w = lanes per vector) kept in 12 vector accumulators.
/// Per step p: two vectors of the packed B row, six broadcasts of the packed A column, twelve FMAs.
/// Every C element is the sequential FMA chain acc = fma(a[i,p], b[p,j], acc) over p, whatever the vector width.
/// </summary>
internal static unsafe class GemmMicroKernel<TS, TV, T>
    where TS : ISimdOps<TV, T> where TV : unmanaged where T : unmanaged
{
    /// <summary>Rows of the tile.</summary>
    public const int MR = 6;

    /// <summary>Columns of the tile: two vectors.</summary>
    public static int NR => 2 * TS.Count;

    /// <summary>
    /// C[r, j] = α·Σ_p a[p·MR + r]·b[p·NR + j] (+ β·C[r, j] unless <paramref name="overwrite"/>), r &lt; MR, j &lt; NR.
    /// a is a packed MR×kc micro-panel (column by column), b a packed kc×NR micro-panel (row by row).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int kc, T* a, T* b, T* c, nint ldc, TV alpha, TV beta, bool overwrite)
    {
        int w = TS.Count;
        TV c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
           c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            TV b0 = TS.Load(b), b1 = TS.Load(b + w);
            TV ai = TS.Splat(a); c00 = TS.Fma(ai, b0, c00); c01 = TS.Fma(ai, b1, c01);
            ai = TS.Splat(a + 1); c10 = TS.Fma(ai, b0, c10); c11 = TS.Fma(ai, b1, c11);
            ai = TS.Splat(a + 2); c20 = TS.Fma(ai, b0, c20); c21 = TS.Fma(ai, b1, c21);
            ai = TS.Splat(a + 3); c30 = TS.Fma(ai, b0, c30); c31 = TS.Fma(ai, b1, c31);
            ai = TS.Splat(a + 4); c40 = TS.Fma(ai, b0, c40); c41 = TS.Fma(ai, b1, c41);
            ai = TS.Splat(a + 5); c50 = TS.Fma(ai, b0, c50); c51 = TS.Fma(ai, b1, c51);
            a += MR;
            b += 2 * w;
        }
        Update(c, w, c00, c01, alpha, beta, overwrite); c += ldc;
        Update(c, w, c10, c11, alpha, beta, overwrite); c += ldc;
        Update(c, w, c20, c21, alpha, beta, overwrite); c += ldc;
        Update(c, w, c30, c31, alpha, beta, overwrite); c += ldc;
        Update(c, w, c40, c41, alpha, beta, overwrite); c += ldc;
        Update(c, w, c50, c51, alpha, beta, overwrite);
    }

    /// <summary>One tile row: C = α·acc, or C = fma(α, acc, β·C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(T* c, int w, TV x0, TV x1, TV alpha, TV beta, bool overwrite)
    {
        if (overwrite)
        {
            TS.Store(c, TS.Mul(alpha, x0));
            TS.Store(c + w, TS.Mul(alpha, x1));
        }
        else
        {
            TS.Store(c, TS.Fma(alpha, x0, TS.Mul(beta, TS.Load(c))));
            TS.Store(c + w, TS.Fma(alpha, x1, TS.Mul(beta, TS.Load(c + w))));
        }
    }
}
