using System.Numerics;
using Backprop.Kernels;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>Gemm against a naive triple loop in double, on shapes around every tile and block size.</summary>
public class GemmTests
{
    /// <summary>(α, β, fill C with NaN): β = 0 must overwrite NaN.</summary>
    static readonly (double Alpha, double Beta, bool Nan)[] Scalings = [(1, 0, true), (1, 1, false), (-2, 0.5, false), (-2, 0, true)];

    /// <summary>The widths this processor accelerates (tests of the others are skipped, never rerun narrower).</summary>
    static readonly int[] Widths = [.. new[] { 512, 256, 128 }.Where(bits => VectorWidth.Missing(bits) is null)];

    // Tile: MR = 6; NR = 32/16/8 (float) and 16/8/4 (double). k-block: 256 (float), 128 (double). B block 512 columns;
    // transposed A in 2 MiB blocks (SmallBlocksMatchNaive shrinks both).
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 37, 19 }, { 37, 1, 19 }, { 1, 1, 300 }, { 2, 3, 1 }, { 1, 128, 784 }, { 1, 200, 33 }, { 1, 64, 10 }, { 1, 300, 3 }, { 1, 10, 128 }, { 1, 24, 5 }, { 1, 48, 9 }, { 1, 40, 3 },
        { 7, 13, 31 }, { 13, 97, 7 }, { 97, 31, 13 }, { 31, 7, 97 }, { 257, 13, 7 }, { 7, 257, 13 }, { 13, 7, 257 },
        { 5, 15, 3 }, { 6, 16, 4 }, { 7, 17, 5 }, { 11, 31, 2 }, { 12, 32, 3 }, { 13, 33, 4 }, { 18, 63, 5 }, { 6, 64, 6 }, { 19, 65, 7 },
        { 4, 5, 3 }, { 4, 8, 9 }, { 5, 9, 2 }, { 6, 4, 1 }, { 6, 3, 2 },
        { 7, 33, 127 }, { 7, 33, 128 }, { 7, 33, 129 }, { 13, 17, 255 }, { 13, 17, 256 }, { 13, 17, 257 }, { 5, 40, 513 }, { 3, 9, 1025 },
        { 767, 33, 5 }, { 768, 33, 5 }, { 769, 17, 5 }, { 1537, 9, 3 },
        { 7, 511, 5 }, { 7, 512, 5 }, { 7, 513, 5 }, { 5, 1025, 3 },
        { 7, 40, 1024 }, { 13, 20, 512 }, // rows of A 4 KiB apart (float, double): A panels copied
    };

    [WidthTheory(512), MemberData(nameof(Shapes))]
    public void Float512MatchesNaive(int m, int n, int k) => MatchesNaive(new GemmCase<float>(m, n, k, seed: m * 7919 + n * 31 + k), 512);

    [WidthTheory(256), MemberData(nameof(Shapes))]
    public void Float256MatchesNaive(int m, int n, int k) => MatchesNaive(new GemmCase<float>(m, n, k, seed: m * 7919 + n * 31 + k), 256);

    [Theory, MemberData(nameof(Shapes))]
    public void Float128MatchesNaive(int m, int n, int k) => MatchesNaive(new GemmCase<float>(m, n, k, seed: m * 7919 + n * 31 + k), 128);

    [WidthTheory(512), MemberData(nameof(Shapes))]
    public void Double512MatchesNaive(int m, int n, int k) => MatchesNaive(new GemmCase<double>(m, n, k, seed: m * 7919 + n * 31 + k + 1), 512);

    [WidthTheory(256), MemberData(nameof(Shapes))]
    public void Double256MatchesNaive(int m, int n, int k) => MatchesNaive(new GemmCase<double>(m, n, k, seed: m * 7919 + n * 31 + k + 1), 256);

    [Theory, MemberData(nameof(Shapes))]
    public void Double128MatchesNaive(int m, int n, int k) => MatchesNaive(new GemmCase<double>(m, n, k, seed: m * 7919 + n * 31 + k + 1), 128);

    static void MatchesNaive<T>(GemmCase<T> gc, int bits) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
                foreach (var (alpha, beta, nan) in Scalings)
                {
                    var c = gc.C0(nan);
                    gc.Run(transA, transB, alpha, beta, c, Compute.Serial(bits));
                    gc.Check(c, alpha, beta, $"transA={transA} transB={transB} bits={bits} α={alpha} β={beta}");
                }
    }

    [WidthFact(256)]
    public void AllWidthsGiveIdenticalBits()
    {
        // The k-blocking depends only on k and the element type, and each lane runs the same FMA chain.
        // Compares every width this processor has (at least 256 and 128: with 128 alone there is nothing to compare).
        var gc = new GemmCase<float>(37, 71, 600, seed: 5);
        foreach (bool transA in new[] { false, true })
            foreach (bool transB in new[] { false, true })
            {
                var expected = gc.C0(false);
                gc.Run(transA, transB, 1.5, 0.5, expected, Compute.Serial(128));
                foreach (int bits in Widths)
                {
                    var c = gc.C0(false);
                    gc.Run(transA, transB, 1.5, 0.5, c, Compute.Serial(bits));
                    Assert.Equal(expected, c);
                }
            }
    }

    [Fact]
    public void ZeroKScalesC()
    {
        float[] c = [1, 2, float.NaN, 4];
        Gemm.Run(false, false, 2, 2, 0, 3f, [], [], 0f, c);
        Assert.Equal([0f, 0, 0, 0], c);
        c = [1, 2, 3, 4];
        Gemm.Run(true, true, 2, 2, 0, 3f, [], [], 0.5f, c);
        Assert.Equal([0.5f, 1, 1.5f, 2], c);
    }

    [Fact]
    public void EmptyOutputIsNoOp() => Gemm.Run(false, false, 0, 5, 3, 1.0, [], new double[15], 0.0, []);

    [Fact]
    public void ShortSpansThrow() =>
        Assert.Throws<ArgumentException>(() => Gemm.Run(false, false, 2, 2, 2, 1f, new float[3], new float[4], 0f, new float[4]));
}

/// <summary>
/// Random op(A) [m, k], op(B) [k, n], C0 [m, n] with values exact in T; the exact product is computed in double,
/// with Σ|a·b| to scale the tolerance (float: 1e-5·√k, double: 1e-14·√k, relative).
/// </summary>
internal sealed class GemmCase<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public readonly int M, N, K;
    readonly T[] a, b, c0;
    readonly double[] product, magnitude;

    public GemmCase(int m, int n, int k, int seed)
    {
        (M, N, K) = (m, n, k);
        var rng = new Random(seed);
        T Next() => T.CreateTruncating(rng.NextDouble() * 2 - 1);
        a = Fill(m * k, Next); b = Fill(k * n, Next); c0 = Fill(m * n, Next);
        product = new double[m * n]; magnitude = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                for (int p = 0; p < k; p++)
                {
                    double t = double.CreateTruncating(a[i * k + p]) * double.CreateTruncating(b[p * n + j]);
                    product[i * n + j] += t;
                    magnitude[i * n + j] += Math.Abs(t);
                }
    }

    static T[] Fill(int count, Func<T> next)
    {
        var x = new T[count];
        for (int i = 0; i < count; i++) x[i] = next();
        return x;
    }

    /// <summary>A as stored: [m, k], or [k, m] when transposed.</summary>
    public T[] StoredA(bool trans) => trans ? Transpose(a, M, K) : a;

    /// <summary>B as stored: [k, n], or [n, k] when transposed.</summary>
    public T[] StoredB(bool trans) => trans ? Transpose(b, K, N) : b;

    /// <summary>A fresh copy of C0, or all NaN.</summary>
    public T[] C0(bool nan) => nan ? Enumerable.Repeat(T.NaN, M * N).ToArray() : (T[])c0.Clone();

    public void Run(bool transA, bool transB, double alpha, double beta, T[] c, ComputeOptions options) =>
        Gemm.Run(transA, transB, M, N, K, T.CreateTruncating(alpha), StoredA(transA), StoredB(transB), T.CreateTruncating(beta), c, options);

    static T[] Transpose(T[] x, int rows, int cols)
    {
        var t = new T[x.Length];
        for (int r = 0; r < rows; r++)
            for (int col = 0; col < cols; col++) t[col * rows + r] = x[r * cols + col];
        return t;
    }

    public void Check(T[] c, double alpha, double beta, string label)
    {
        double tol = (typeof(T) == typeof(float) ? 1e-5 : 1e-14) * Math.Sqrt(K);
        for (int e = 0; e < c.Length; e++)
        {
            double c0e = beta == 0 ? 0 : beta * double.CreateTruncating(c0[e]);
            double expected = alpha * product[e] + c0e, got = double.CreateTruncating(c[e]);
            double bound = tol * (Math.Abs(alpha) * magnitude[e] + Math.Abs(c0e)) + 1e-30;
            if (!(Math.Abs(got - expected) <= bound))
                Assert.Fail($"{typeof(T).Name} {M}×{N}×{K} {label}: C[{e / N}, {e % N}] = {got}, expected {expected} ± {bound}");
        }
    }
}
