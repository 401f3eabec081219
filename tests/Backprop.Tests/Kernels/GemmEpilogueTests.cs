using System.Numerics;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Nn.Activations;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>
/// The dense forward's GEMM epilogue (bias added on the first k-block, f applied to each tile after its last k-block) equals the
/// unfused path — Z starts as the bias, the GEMM accumulates X·W onto it, then one pass of f — for every registered activation,
/// float and double, on shapes with tails in m, n and k and with k over several k-blocks, on 1 and 2 threads.
/// </summary>
[Collection(nameof(WorkerPoolCollection))]
public class GemmEpilogueTests
{
    // (m, n, k): one-row GEMV; tiny; tails everywhere with k over 3 (float) or 5 (double) k-blocks; a W1-like layer
    static readonly (int M, int N, int K)[] Shapes = [(1, 45, 300), (7, 5, 3), (13, 37, 600), (64, 130, 257)];

    [Fact] public void FloatEpilogueEqualsTheUnfusedPath() => AllActivations<float>(6e-7);

    [Fact] public void DoubleEpilogueEqualsTheUnfusedPath() => AllActivations<double>(1e-15);

    static void AllActivations<T>(double ulps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int checkedActivations = 0;
        foreach (var entry in Activation.Registered.Where(e => e.Default.IsElementwise))
            foreach (var activation in new[] { entry.Default, entry.Parameter is null ? entry.Default : entry.Create(0.3) })
                foreach (var (m, n, k) in Shapes)
                {
                    ((ElementwiseActivation)activation).For<T>().Visit(new Compare<T>(m, n, k, ulps, $"{activation} {m}×{n}×{k}"));
                    checkedActivations++;
                }
        Assert.True(checkedActivations >= 10 * Shapes.Length, $"only {checkedActivations} cases");
    }

    /// <summary>Z bit for bit and A to a few ulps (the epilogue runs f at the GEMM's width, the span loop ends in scalars); threads never change a bit.</summary>
    sealed class Compare<T>(int m, int n, int k, double ulps, string what) : IActivationVisitor<T, bool> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public bool Visit<TOp>(TOp op) where TOp : struct, IActivationOperator<T>
        {
            var rng = new Random(m * 1000 + n * 10 + k);
            T[] x = Random<T>(rng, m * k, 1), w = Random<T>(rng, k * n, 0.2), b = Random<T>(rng, n, 1);
            var (z0, a0) = Unfused(op, x, w, b, Compute.Serial(ComputeOptions.HardwareVectorBits));
            T[]? z1 = null, a1 = null;
            foreach (int threads in new[] { 1, 2 })
            {
                var options = Compute.Parallel(threads);
                T[] z = Filled<T>(m * n), a = Filled<T>(m * n);
                Gemm.Dense(op, m, n, k, x, w, b, z, a, options);
                for (int i = 0; i < z.Length; i++)
                {
                    Assert.True(z[i] == z0[i], $"{what}, {threads} threads: Z[{i}] = {z[i]}, unfused {z0[i]}");
                    double e = double.CreateTruncating(a0[i]), got = double.CreateTruncating(a[i]);
                    Assert.True(a[i] == a0[i] || Math.Abs(e - got) <= ulps * Math.Max(1, Math.Abs(e)), $"{what}, {threads} threads: A[{i}] = {got:R}, unfused {e:R}");
                }
                if (z1 is null) (z1, a1) = (z, a);
                else
                {
                    Assert.Equal(z1, z);
                    Assert.Equal(a1!, a);
                }
            }
            return true;
        }

        (T[] Z, T[] A) Unfused<TOp>(TOp op, T[] x, T[] w, T[] b, ComputeOptions options) where TOp : struct, IActivationOperator<T>
        {
            var z = new T[m * n];
            var a = new T[m * n];
            for (int r = 0; r < m; r++) b.CopyTo(z, r * n);
            Gemm.Run(false, false, m, n, k, T.One, x, w, T.One, z, options);
            ActivationLoop.Forward(op, z, a, options.MaxVectorBits);
            return (z, a);
        }
    }

    /// <summary>
    /// ReLU of the whole sum, never of a partial one: k = 600 floats is three k-blocks of 200, and the columns' weights make the
    /// first block's partial sum −200 then the total +200 (column 0), or +200 then −200 (column 1). An epilogue run after the
    /// first k-block (or on C in place) gives 0 and 200.5 or wrong Z; a missing epilogue leaves A's NaNs.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 1)]
    [InlineData(7, 2)]
    public void ReluSeesOnlyTheFinishedSum(int m, int threads)
    {
        const int k = 600, n = 35;
        var x = Enumerable.Repeat(1f, m * k).ToArray();
        var w = new float[k * n];
        for (int p = 0; p < k; p++)
        {
            w[p * n] = p < 200 ? -1 : 1;
            w[p * n + 1] = p < 200 ? 1 : -1;
        }
        var b = new float[n];
        b[0] = b[1] = 0.5f;
        float[] z = Filled<float>(m * n), a = Filled<float>(m * n);
        var op = default(Relu.Op<float>);
        Gemm.Dense(op, m, n, k, x, w, b, z, a, Compute.Parallel(threads));
        for (int r = 0; r < m; r++)
        {
            Assert.Equal([200.5f, -199.5f, 0f], z.AsSpan(r * n, 3).ToArray());
            Assert.Equal([200.5f, 0f, 0f], a.AsSpan(r * n, 3).ToArray());
        }
    }

    static T[] Random<T>(Random rng, int length, double scale) where T : unmanaged, IFloatingPointIeee754<T> =>
        [.. Enumerable.Range(0, length).Select(_ => T.CreateTruncating(scale * (2 * rng.NextDouble() - 1)))];

    static T[] Filled<T>(int length) where T : unmanaged, IFloatingPointIeee754<T> => Enumerable.Repeat(T.NaN, length).ToArray();
}
