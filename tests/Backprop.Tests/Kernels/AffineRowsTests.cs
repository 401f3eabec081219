using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Tests.Kernels;

/// <summary>The rescaling of rows, y = (x − offset) / scale per feature: the vector loop gives the scalar formula's bits.</summary>
public class AffineRowsTests
{
    // Widths below, at and around one vector of eight floats, so the vector loop, the scalar columns after it and a row of scalars all run.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(16)]
    [InlineData(17)]
    public void FloatRowsGetTheScalarFormulasBits(int features)
    {
        var rng = new Rng((ulong)features);
        const int rows = 37;
        var x = new float[rows * features];
        for (int i = 0; i < x.Length; i++) x[i] = (float)(rng.Normal() * Math.Pow(10, rng.NextInt(9) - 4));
        var offsets = Enumerable.Range(0, features).Select(_ => rng.Normal() * 3).ToArray();
        var scales = Enumerable.Range(0, features).Select(_ => 0.001 + rng.NextDouble() * 7).ToArray();
        var y = new float[x.Length];
        AffineRows.Standardise<float>(x, y, offsets, scales);
        for (int i = 0; i < x.Length; i++)
        {
            float expected = (float)(((double)x[i] - offsets[i % features]) / scales[i % features]);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(y[i]));
        }
        AffineRows.Standardise<float>(x, x, offsets, scales); // in place
        Assert.Equal(y, x);
    }

    [Fact]
    public void DoubleRowsGetTheFormula()
    {
        double[] x = [1, 2, 3, 4, 5, 6], offsets = [0.5, -1, 2], scales = [2, 3, 0.25], y = new double[6];
        AffineRows.Standardise<double>(x, y, offsets, scales);
        Assert.Equal(new[] { 0.25, 1, 4, 1.75, 2, 16 }, y);
    }
}
