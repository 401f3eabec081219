using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>
/// The register-blocked inner kernel: a 6 × 2w tile of C (w = lanes per vector) kept in 12 vector accumulators.
/// Per step p: two vectors of the packed B row, six broadcasts from the six A rows, twelve FMAs.
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
    /// C[r, j] = α·Σ_p a[r·lda + p]·b[p·NR + j] (+ β·C[r, j] unless <paramref name="overwrite"/>) for r &lt; rows, j &lt; cols.
    /// A is read in place (row r at a + r·lda; rows ≥ rows repeat the last one and are not stored); b is a packed kc×NR panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    public static void Run(int kc, T* a, nint lda, int rows, T* b, T* c, nint ldc, int cols, TV alpha, TV beta, bool overwrite)
    {
        int w = TS.Count;
        T* a0 = a, a1 = a + Math.Min(1, rows - 1) * lda, a2 = a + Math.Min(2, rows - 1) * lda,
           a3 = a + Math.Min(3, rows - 1) * lda, a4 = a + Math.Min(4, rows - 1) * lda, a5 = a + Math.Min(5, rows - 1) * lda;
        TV c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default,
           c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (nint p = 0; p < kc; p++)
        {
            TV b0 = TS.Load(b), b1 = TS.Load(b + w);
            TV ai = TS.Splat(a0 + p); c00 = TS.Fma(ai, b0, c00); c01 = TS.Fma(ai, b1, c01);
            ai = TS.Splat(a1 + p); c10 = TS.Fma(ai, b0, c10); c11 = TS.Fma(ai, b1, c11);
            ai = TS.Splat(a2 + p); c20 = TS.Fma(ai, b0, c20); c21 = TS.Fma(ai, b1, c21);
            ai = TS.Splat(a3 + p); c30 = TS.Fma(ai, b0, c30); c31 = TS.Fma(ai, b1, c31);
            ai = TS.Splat(a4 + p); c40 = TS.Fma(ai, b0, c40); c41 = TS.Fma(ai, b1, c41);
            ai = TS.Splat(a5 + p); c50 = TS.Fma(ai, b0, c50); c51 = TS.Fma(ai, b1, c51);
            b += 2 * w;
        }
        if (rows == MR && cols == 2 * w)
        {
            Update(c, c00, c01, alpha, beta, overwrite); c += ldc;
            Update(c, c10, c11, alpha, beta, overwrite); c += ldc;
            Update(c, c20, c21, alpha, beta, overwrite); c += ldc;
            Update(c, c30, c31, alpha, beta, overwrite); c += ldc;
            Update(c, c40, c41, alpha, beta, overwrite); c += ldc;
            Update(c, c50, c51, alpha, beta, overwrite);
            return;
        }
        TV* tile = stackalloc TV[2 * MR];
        (tile[0], tile[1], tile[2], tile[3], tile[4], tile[5]) = (c00, c01, c10, c11, c20, c21);
        (tile[6], tile[7], tile[8], tile[9], tile[10], tile[11]) = (c30, c31, c40, c41, c50, c51);
        for (int r = 0; r < rows; r++, c += ldc)
        {
            UpdateFirst(c, tile[2 * r], Math.Min(cols, w), alpha, beta, overwrite);
            if (cols > w) UpdateFirst(c + w, tile[2 * r + 1], cols - w, alpha, beta, overwrite);
        }
    }

    /// <summary>One full tile row: C = α·acc, or C = fma(α, acc, β·C).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(T* c, TV x0, TV x1, TV alpha, TV beta, bool overwrite)
    {
        int w = TS.Count;
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

    /// <summary>The first n lanes of one vector of a tile row, as <see cref="Update"/>.</summary>
    static void UpdateFirst(T* c, TV x, int n, TV alpha, TV beta, bool overwrite)
    {
        TV v = overwrite ? TS.Mul(alpha, x) : TS.Fma(alpha, x, TS.Mul(beta, TS.LoadFirst(c, n)));
        if (n == TS.Count) TS.Store(c, v);
        else TS.StoreFirst(c, v, n);
    }
}
