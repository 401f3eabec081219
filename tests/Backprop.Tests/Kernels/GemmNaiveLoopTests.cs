using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;
using Backprop.Tests.Support;
using CsCheck;
using Xunit.Sdk;

namespace Backprop.Tests.Kernels;

/// <summary>Gemm.Run (C = α·op(A)·op(B) + β·C) against a naive triple loop, for every transposition, α/β, float and double, awkward shapes.</summary>
public class GemmNaiveLoopTests
{
    private static readonly (int M, int N, int K)[] Shapes =
        [(1, 1, 1), (1, 7, 1), (7, 1, 1), (1, 1, 7), (1, 13, 5), (13, 1, 5), (7, 11, 13), (17, 3, 19), (5, 3, 0), (0, 3, 2)];

    private static readonly (double Alpha, double Beta)[] Scalings = [(1, 0), (1, 1), (0.5, 0), (-1.5, 0.25), (2, -1), (0, 2)];

    public static TheoryData<bool, bool, int, int, int> Cases()
    {
        var data = new TheoryData<bool, bool, int, int, int>();
        foreach (var transA in new[] { false, true })
            foreach (var transB in new[] { false, true })
                foreach (var (m, n, k) in Shapes) data.Add(transA, transB, m, n, k);
        return data;
    }

    /// <summary>Runs Gemm on seeded data and compares every C element with the triple loop, within tol·Σ|terms|.</summary>
    private static void CheckAgainstNaive<T>(bool transA, bool transB, int m, int n, int k, double alpha, double beta, ulong seed, double tol)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Rng(seed);
        T[] Random(int count) => Enumerable.Range(0, count).Select(_ => T.CreateTruncating(rng.Uniform(-2, 2))).ToArray();
        T[] a = Random(m * k), b = Random(k * n);
        const int tail = 3;
        T[] c = Random(m * n + tail), c0 = (T[])c.Clone();

        Gemm.Run(transA, transB, m, n, k, T.CreateTruncating(alpha), a, b, T.CreateTruncating(beta), c);

        // A is [m, k], stored [k, m] when transposed; B is [k, n], stored [n, k] when transposed.
        double A(int i, int p) => double.CreateTruncating(transA ? a[p * m + i] : a[i * k + p]);
        double B(int p, int j) => double.CreateTruncating(transB ? b[j * k + p] : b[p * n + j]);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += A(i, p) * B(p, j);
                    magnitude += Math.Abs(A(i, p) * B(p, j));
                }
                double old = double.CreateTruncating(c0[i * n + j]);
                double expected = alpha * sum + (beta == 0 ? 0 : beta * old);
                double bound = tol * (Math.Abs(alpha) * magnitude + Math.Abs(beta * old)) + 1e-300;
                double actual = double.CreateTruncating(c[i * n + j]);
                if (!(Math.Abs(actual - expected) <= bound))
                    throw new XunitException($"{typeof(T).Name} transA={transA} transB={transB} m={m} n={n} k={k} α={alpha} β={beta}: " +
                        $"C[{i}, {j}] = {actual:R}, naive {expected:R}.");
            }
        for (int t = 0; t < tail; t++)
            Assert.Equal(c0[m * n + t], c[m * n + t]); // nothing past m·n is touched
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DoubleMatchesNaiveLoop(bool transA, bool transB, int m, int n, int k)
    {
        foreach (var (alpha, beta) in Scalings)
            CheckAgainstNaive<double>(transA, transB, m, n, k, alpha, beta, TestData.Seed(m, n, k), 1e-14);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FloatMatchesNaiveLoop(bool transA, bool transB, int m, int n, int k)
    {
        foreach (var (alpha, beta) in Scalings)
            CheckAgainstNaive<float>(transA, transB, m, n, k, alpha, beta, TestData.Seed(m, n, k), 1e-6);
    }

    [Fact]
    public void RandomShapesMatchNaiveLoop()
    {
        Gen.Select(Gen.Int[0, 20], Gen.Int[0, 20], Gen.Int[0, 20], Gen.Bool, Gen.Bool, Gen.ULong)
            .Sample((m, n, k, transA, transB, seed) => CheckAgainstNaive<double>(transA, transB, m, n, k, 0.75, 0.5, seed, 1e-14), iter: 200);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void BetaZeroOverwritesEvenNaN(bool transA, bool transB)
    {
        double[] a = [1, 2, 3, 4], b = [5, 6, 7, 8];
        double[] c = [double.NaN, double.NaN, double.NaN, double.NaN];
        Gemm.Run(transA, transB, 2, 2, 2, 1.0, a, b, 0.0, c);
        Assert.All(c, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void KnownProduct()
    {
        // [[1, 2, 3], [4, 5, 6]] · [[7, 8], [9, 10], [11, 12]] = [[58, 64], [139, 154]]
        double[] a = [1, 2, 3, 4, 5, 6], b = [7, 8, 9, 10, 11, 12], c = new double[4];
        Gemm.Run(false, false, 2, 2, 3, 1.0, a, b, 0.0, c);
        Assert.Equal([58.0, 64, 139, 154], c);
        // Aᵀ stored: the same A given as its transpose [[1, 4], [2, 5], [3, 6]]
        Gemm.Run(true, false, 2, 2, 3, 1.0, [1.0, 4, 2, 5, 3, 6], b, 0.0, c);
        Assert.Equal([58.0, 64, 139, 154], c);
        // Bᵀ stored: [[7, 9, 11], [8, 10, 12]]
        Gemm.Run(false, true, 2, 2, 3, 1.0, a, [7.0, 9, 11, 8, 10, 12], 0.0, c);
        Assert.Equal([58.0, 64, 139, 154], c);
    }
}
