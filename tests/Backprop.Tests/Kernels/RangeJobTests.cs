using Backprop.Kernels;
using Backprop.Tests.Support;

namespace Backprop.Tests.Kernels;

/// <summary>
/// The elementwise passes of a training step split by index range (RangeJob): the optimizer update, plain SGD's θ += s·g and the
/// divergence check give the same answer, bit for bit, on one and two threads, and really run on a worker when split; small
/// spans stay on the caller.
/// </summary>
[Collection(nameof(WorkerPoolCollection))]
public class RangeJobTests
{
    // Lengths that leave ranges of every shape: a partial last range, one shorter than a vector, a 512-bit tail.
    private static readonly int[] Lengths = [200, 1_000, 4_099, 100_352];

    private static float[] Values(int n, int seed, float scale = 1f)
    {
        var rng = new Random(seed);
        return [.. Enumerable.Range(0, n).Select(_ => scale * (float)(rng.NextDouble() * 2 - 1))];
    }

    // Runs `pass` serially and then on two threads (until a worker ran a range); the arrays it returns must match bit for bit.
    private static void SameBitsOnOneAndTwoThreads(Func<float[][]> pass, string what)
    {
        float[][] one;
        using (ComputeSettings.Use(Compute.Serial(512))) one = pass();
        float[][] two = [];
        WorkerRetry.UntilWorkerRan(trace =>
        {
            using (ComputeSettings.Use(Compute.Parallel(2, trace))) two = pass();
        }, what);
        for (int k = 0; k < one.Length; k++)
            Assert.True(one[k].AsSpan().SequenceEqual(two[k]), $"{what}: array {k} differs between one and two threads");
    }

    [Fact]
    public void AdamUpdateHasTheSameBitsOnOneAndTwoThreads()
    {
        foreach (int n in Lengths)
            SameBitsOnOneAndTwoThreads(() =>
            {
                float[] w = Values(n, 1), g = Values(n, 2), m = Values(n, 3, 0.1f), v = Values(n, 4, 0.01f), vMax = Values(n, 5, 0.01f);
                for (int i = 0; i < v.Length; i++) (v[i], vMax[i]) = (Math.Abs(v[i]), Math.Abs(vMax[i]));
                var rule = new AdamRule<float>(1e-3f, 0.9f, 0.999f, 0.1f, 0.001f, 1e-8f, 0.01f, 0.999f, AmsGrad: true);
                UpdateLoop.Run(rule, w, g, m, v, vMax);
                return [w, m, v, vMax];
            }, $"Adam over {n} values");
    }

    [Fact]
    public void SgdUpdatesHaveTheSameBitsOnOneAndTwoThreads()
    {
        foreach (int n in Lengths)
        {
            SameBitsOnOneAndTwoThreads(() =>
            {
                float[] w = Values(n, 6), g = Values(n, 7);
                ScaledAddJob<float>.Run(w, g, -0.01f, ComputeSettings.Current);
                return [w];
            }, $"plain SGD over {n} values");
            SameBitsOnOneAndTwoThreads(() =>
            {
                float[] w = Values(n, 8), g = Values(n, 9), b = Values(n, 10);
                UpdateLoop.Run(new SgdRule<float>(0.01f, 1e-4f, true, 0.9f, 1f, true, 0.9f), w, g, b);
                return [w, b];
            }, $"Nesterov SGD over {n} values");
        }
    }

    [Fact]
    public void FinitenessIsExactOnOneAndTwoThreads()
    {
        const int n = 100_352;
        foreach (int bad in new[] { 0, 17, n / 3, n / 2 + 5, n - 1 })
            foreach (float value in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
            {
                var values = Values(n, bad);
                values[bad] = value;
                bool oneSays = true, twoSays = true;
                using (ComputeSettings.Use(Compute.Serial(512))) oneSays = AllFiniteJob<float>.Run(values, ComputeSettings.Current);
                WorkerRetry.UntilWorkerRan(trace =>
                {
                    using (ComputeSettings.Use(Compute.Parallel(2, trace))) twoSays = AllFiniteJob<float>.Run(values, ComputeSettings.Current);
                }, "the finiteness check");
                Assert.False(oneSays, $"{value} at {bad}, one thread");
                Assert.False(twoSays, $"{value} at {bad}, two threads");
            }
        // finite values whose sum overflows (in every range): the search confirms them finite
        var large = Enumerable.Repeat(float.MaxValue, n).ToArray();
        using (ComputeSettings.Use(Compute.Parallel(2))) Assert.True(AllFiniteJob<float>.Run(large, ComputeSettings.Current));
        Assert.True(AllFiniteJob<float>.Run(large, Compute.Serial(512)));
    }

    [Fact]
    public void SmallSpansStayOnTheCaller()
    {
        // A worker assumed spinning (WakeMinMultiplyAdds 0): only the size decides.
        var options = new ComputeOptions { Threads = 2 } with { WakeMinMultiplyAdds = 0 };
        Assert.False(RangeJob.Splits(4 * 64 + 3 * 64 + 64 * 3, options)); // iris's 4-64-3 layers, W9
        Assert.False(RangeJob.Splits(16 * 16, options)); // W4's largest layer
        Assert.True(RangeJob.Splits(784 * 128, options)); // W1's first layer
        Assert.False(RangeJob.Splits(784 * 128, options with { Threads = 1 }));
    }
}
