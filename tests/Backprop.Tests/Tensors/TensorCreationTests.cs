using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>Creating tensors: zeros, ones, full, arange, from arrays, scalars; element access.</summary>
public class TensorCreationTests
{
    [Fact]
    public void ZerosOnesAndFull()
    {
        var z = Tensor<double>.Zeros(2, 3);
        Assert.Equal(new Shape(2, 3), z.Shape);
        Assert.Equal(6, z.Length);
        Assert.Equal(2, z.Rank);
        Assert.All(z.ToArray(), v => Assert.Equal(0.0, v));
        Assert.All(Tensor<float>.Ones(4).ToArray(), v => Assert.Equal(1f, v));
        var f = Tensor<double>.Full(2.5, 3, 1, 2);
        Assert.Equal(new Shape(3, 1, 2), f.Shape);
        Assert.All(f.ToArray(), v => Assert.Equal(2.5, v));
        Assert.Equal(0, Tensor<double>.Zeros(0, 3).Length);
    }

    [Fact]
    public void ScalarHasRankZeroAndOneValue()
    {
        var s = Tensor.Scalar(3.0, requiresGrad: true);
        Assert.Equal(0, s.Rank);
        Assert.Equal(Shape.Scalar, s.Shape);
        Assert.Equal(1, s.Length);
        Assert.Equal(3.0, s.Item);
        Assert.True(s.RequiresGrad);
        Assert.False(Tensor.Scalar(1f).RequiresGrad);
        Assert.Equal(3.0, s[Array.Empty<int>()]);
    }

    [Theory]
    [InlineData(0, 5, 1, new double[] { 0, 1, 2, 3, 4 })]
    [InlineData(2, 3, 1, new double[] { 2 })]
    [InlineData(1, 2, 0.25, new double[] { 1, 1.25, 1.5, 1.75 })]
    [InlineData(5, 0, -2, new double[] { 5, 3, 1 })]
    [InlineData(0, 1, 0.3, new double[] { 0, 0.3, 0.6, 0.9 })]
    [InlineData(3, 3, 1, new double[0])]
    public void ArangeStopsBeforeStop(double start, double stop, double step, double[] expected)
    {
        var t = Tensor<double>.Arange(start, stop, step);
        Assert.Equal(1, t.Rank);
        Assert.Equal(expected.Length, t.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], t[i], 14);
    }

    [Theory]
    [InlineData(0, 5, 0)]
    [InlineData(0, 5, -1)]
    [InlineData(5, 0, 1)]
    public void ArangeThatCannotReachStopThrows(double start, double stop, double step)
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Arange(start, stop, step));
        Assert.Contains("Arange", e.Message);
    }

    [Fact]
    public void FromArrayCopiesAndTakesAShape()
    {
        double[] values = [1, 2, 3, 4, 5, 6];
        var v = Tensor<double>.FromArray(values);
        Assert.Equal(new Shape(6), v.Shape);
        var m = Tensor<double>.FromArray(values, 2, 3);
        Assert.Equal(new Shape(2, 3), m.Shape);
        Assert.Equal(6.0, m[1, 2]);
        Assert.Equal(2.0, m[0, 1]);
        values[0] = 100;
        Assert.Equal(1.0, m[0, 0]);
        Assert.Equal(1.0, v[0]);
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.FromArray(values, 4, 2));
        Assert.Contains("6 values", e.Message);
        Assert.Contains("[4, 2]", e.Message);
    }

    [Fact]
    public void FromTwoDimensionalArrayAndRows()
    {
        var m = Tensor.From(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new Shape(2, 3), m.Shape);
        Assert.Equal([1f, 2, 3, 4, 5, 6], m.ToArray());
        var r = Tensor<double>.FromRows([[1, 2], [3, 4], [5, 6]]);
        Assert.Equal(new Shape(3, 2), r.Shape);
        Assert.Equal([1.0, 2, 3, 4, 5, 6], r.ToArray());
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.FromRows([[1, 2], [3]]));
        Assert.Contains("row 1", e.Message);
        Assert.Equal(new Shape(3), Tensor.From(1.0, 2.0, 3.0).Shape);
    }

    [Fact]
    public void IndexerReadsAndWritesRowMajor()
    {
        var t = Tensor<double>.Zeros(2, 3, 4);
        t[1, 2, 3] = 7;
        t[0, 1, 0] = 5;
        Assert.Equal(7.0, t.Span[1 * 12 + 2 * 4 + 3]);
        Assert.Equal(5.0, t.Span[4]);
        Assert.Equal(7.0, t[1, 2, 3]);
        Assert.Contains("3 indices", Assert.Throws<ArgumentException>(() => t[1, 2]).Message);
        var e = Assert.Throws<IndexOutOfRangeException>(() => t[0, 3, 0]);
        Assert.Contains("dimension 1", e.Message);
        Assert.Contains("[2, 3, 4]", e.Message);
    }

    [Fact]
    public void ItemNeedsOneElement()
    {
        Assert.Equal(4.0, Tensor<double>.FromArray([4.0], 1, 1).Item);
        var e = Assert.Throws<InvalidOperationException>(() => Tensor<double>.Zeros(2, 2).Item);
        Assert.Contains("[2, 2]", e.Message);
    }

    [Fact]
    public void ToArrayIsACopy()
    {
        var t = Tensor.From(1.0, 2.0);
        var a = t.ToArray();
        a[0] = 9;
        Assert.Equal(1.0, t[0]);
    }

    [Fact]
    public void CastConvertsEachValue()
    {
        var d = Tensor<double>.FromArray([0.1, -2.5, 1e10], 3, 1);
        var f = d.Cast<float>();
        Assert.Equal(d.Shape, f.Shape);
        Assert.Equal([0.1f, -2.5f, 1e10f], f.ToArray());
        Assert.Equal([(double)0.1f, -2.5, (double)1e10f], f.Cast<double>().ToArray());
    }
}
