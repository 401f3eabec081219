using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>Seeded randomness: the same seed gives the same bits everywhere, another seed gives other numbers.</summary>
public class RandomTensorTests
{
    private static long[] Bits(Tensor<double> t) => t.ToArray().Select(BitConverter.DoubleToInt64Bits).ToArray();

    [Fact]
    public void SameSeedGivesIdenticalBits()
    {
        Assert.Equal(Bits(Tensor<double>.RandomNormal(42, 0, 1, 7, 5)), Bits(Tensor<double>.RandomNormal(42, 0, 1, 7, 5)));
        Assert.Equal(Bits(Tensor<double>.RandomUniform(42, -1, 1, 3, 3)), Bits(Tensor<double>.RandomUniform(42, -1, 1, 3, 3)));
        Assert.Equal(Tensor<float>.RandomNormal(7, 0.5, 2, 10).ToArray().Select(BitConverter.SingleToInt32Bits),
            Tensor<float>.RandomNormal(7, 0.5, 2, 10).ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void DifferentSeedGivesDifferentValues()
    {
        var a = Tensor<double>.RandomNormal(42, 0, 1, 20).ToArray();
        var b = Tensor<double>.RandomNormal(43, 0, 1, 20).ToArray();
        Assert.All(a.Zip(b), p => Assert.NotEqual(p.First, p.Second));
        Assert.NotEqual(Tensor<double>.RandomUniform(1, 0, 1, 20).ToArray(), Tensor<double>.RandomUniform(2, 0, 1, 20).ToArray());
    }

    [Fact]
    public void GeneratorMatchesReferenceXoshiro256StarStar()
    {
        // Reference values from an independent implementation of SplitMix64 seeding + xoshiro256**.
        var rng = new Rng(42);
        Assert.Equal(0x15780b2e0c2ec716UL, rng.NextUInt64());
        Assert.Equal(0x6104d9866d113a7eUL, rng.NextUInt64());
        Assert.Equal(0xae17533239e499a1UL, rng.NextUInt64());
        Assert.Equal(0xecb8ad4703b360a1UL, rng.NextUInt64());
        Assert.Equal(0x99ec5f36cb75f2b4UL, new Rng(0).NextUInt64());
        var d = new Rng(42);
        Assert.Equal(0.08386297105988216, d.NextDouble());
        Assert.Equal(0.3789802506626686, d.NextDouble());
    }

    [Fact]
    public void FloatSamplesAreTheDoubleSamplesRounded()
    {
        var d = Tensor<double>.RandomNormal(5, 1, 3, 4, 4);
        var f = Tensor<float>.RandomNormal(5, 1, 3, 4, 4);
        Assert.Equal(d.Cast<float>().ToArray(), f.ToArray());
    }

    [Fact]
    public void NormalSamplesHaveTheRequestedMeanAndSpread()
    {
        var x = Tensor<double>.RandomNormal(3, 2.0, 0.5, 20000).ToArray();
        double mean = x.Average();
        double std = Math.Sqrt(x.Select(v => (v - mean) * (v - mean)).Average());
        Assert.InRange(mean, 1.98, 2.02);
        Assert.InRange(std, 0.49, 0.51);
    }

    [Fact]
    public void UniformSamplesStayInRangeAndFillIt()
    {
        var x = Tensor<double>.RandomUniform(3, -2, 3, 20000).ToArray();
        Assert.All(x, v => Assert.InRange(v, -2, 3 - 1e-12));
        Assert.InRange(x.Min(), -2, -1.99);
        Assert.InRange(x.Max(), 2.99, 3);
        Assert.InRange(x.Average(), 0.45, 0.55);
    }

    [Fact]
    public void NextIntAndShuffle()
    {
        var rng = new Rng(9);
        var counts = new int[5];
        for (int i = 0; i < 5000; i++) counts[rng.NextInt(5)]++;
        Assert.All(counts, c => Assert.InRange(c, 900, 1100));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));

        int[] a = [.. Enumerable.Range(0, 20)], b = [.. Enumerable.Range(0, 20)];
        new Rng(1).Shuffle(a);
        new Rng(1).Shuffle(b);
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 20), a);
        Assert.Equal(Enumerable.Range(0, 20), a.Order());
    }
}
