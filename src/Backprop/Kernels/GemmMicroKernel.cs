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
    /// C[r, j] = α·Σ_p a[r·lda + p]·b[p·NR + j] (+ β·C[r, j] unless <paramref name="u"/> overwrites, or + bias[j] when
    /// <paramref name="bias"/> is not null) for r &lt; rows, j &lt; cols; then, when <paramref name="activated"/> is not null,
    /// activated[r·ldc + j] = f(C[r, j]) from the tile just stored (still in L1). A is read in place (row r at a + r·lda; rows ≥ rows repeat
    /// the last one and are not stored); b is a packed kc×NR panel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    public static void Run<TE>(int kc, T* a, nint lda, int rows, T* b, T* c, nint ldc, int cols, in TileUpdate u, T* bias, T* activated, TE epi)
        where TE : struct, IGemmEpilogue
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
        int n0 = Math.Min(cols, w), n1 = cols - n0;
        TV bias0 = bias == null ? default : n0 == w ? TS.Load(bias) : TS.LoadFirst(bias, n0);
        TV bias1 = bias == null || n1 == 0 ? default : n1 == w ? TS.Load(bias + w) : TS.LoadFirst(bias + w, n1);
        T* c0 = c;
        if (rows == MR && cols == 2 * w)
        {
            Update(c, c00, c01, u, bias != null, bias0, bias1); c += ldc;
            Update(c, c10, c11, u, bias != null, bias0, bias1); c += ldc;
            Update(c, c20, c21, u, bias != null, bias0, bias1); c += ldc;
            Update(c, c30, c31, u, bias != null, bias0, bias1); c += ldc;
            Update(c, c40, c41, u, bias != null, bias0, bias1); c += ldc;
            Update(c, c50, c51, u, bias != null, bias0, bias1);
        }
        else
        {
            TV* tile = stackalloc TV[2 * MR];
            (tile[0], tile[1], tile[2], tile[3], tile[4], tile[5]) = (c00, c01, c10, c11, c20, c21);
            (tile[6], tile[7], tile[8], tile[9], tile[10], tile[11]) = (c30, c31, c40, c41, c50, c51);
            for (int r = 0; r < rows; r++, c += ldc)
            {
                UpdateFirst(c, tile[2 * r], n0, u, bias != null, bias0);
                if (n1 > 0) UpdateFirst(c + w, tile[2 * r + 1], n1, u, bias != null, bias1);
            }
        }
        if (activated != null) Activate(c0, activated, ldc, rows, cols, epi);
    }

    /// <summary>One full tile row: C = α·acc, C = fma(α, acc, β·C) or C = fma(α, acc, bias).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Update(T* c, TV x0, TV x1, in TileUpdate u, bool biased, TV bias0, TV bias1)
    {
        int w = TS.Count;
        TS.Store(c, Combine(c, x0, u, biased, bias0, w));
        TS.Store(c + w, Combine(c + w, x1, u, biased, bias1, w));
    }

    /// <summary>The first n lanes of one vector of a tile row, as <see cref="Update"/>.</summary>
    static void UpdateFirst(T* c, TV x, int n, in TileUpdate u, bool biased, TV bias)
    {
        TV z = Combine(c, x, u, biased, bias, n);
        if (n == TS.Count) TS.Store(c, z);
        else TS.StoreFirst(c, z, n);
    }

    /// <summary>
    /// a[r·ld + j] = f(c[r·ld + j]) over the tile just stored, still in L1. One call site of f: inlining it into every row of
    /// the register epilogue made the kernel slower (W4, W5; see docs/performance.md).
    /// </summary>
    static void Activate<TE>(T* c, T* a, nint ld, int rows, int cols, TE epi) where TE : struct, IGemmEpilogue
    {
        int w = TS.Count;
        for (int r = 0; r < rows; r++, c += ld, a += ld)
            for (int j = 0; j < cols; j += w)
            {
                int n = Math.Min(w, cols - j);
                if (n == w) TS.Store(a + j, epi.Apply(TS.Load(c + j)));
                else TS.StoreFirst(a + j, epi.Apply(TS.LoadFirst(c + j, n)), n);
            }
    }

    /// <summary>α·acc plus bias, or plus β·C (n lanes of C read), or nothing when overwriting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static TV Combine(T* c, TV x, in TileUpdate u, bool biased, TV bias, int n) =>
        biased ? TS.Fma(u.Alpha, x, bias)
        : u.Overwrite ? TS.Mul(u.Alpha, x)
        : TS.Fma(u.Alpha, x, TS.Mul(u.Beta, n == TS.Count ? TS.Load(c) : TS.LoadFirst(c, n)));

    /// <summary>How a k-block's sums meet C: α, β (1 after the first k-block) and whether C is overwritten (β = 0 on the first).</summary>
    public readonly struct TileUpdate(TV alpha, TV beta, bool overwrite)
    {
        public readonly TV Alpha = alpha, Beta = beta;
        public readonly bool Overwrite = overwrite;
    }
}
