using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>Forward values of Sum, Mean, Max and ArgMax, over everything and along an axis.</summary>
public class ReductionValueTests
{
    // [[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], [[12, ...], ...]] : [2, 3, 4]
    private static Tensor<double> Cube() => Tensor<double>.Arange(0, 24).Reshape(2, 3, 4);

    [Fact]
    public void SumAndMeanOfEverything()
    {
        var s = Cube().Sum();
        Assert.Equal(0, s.Rank);
        Assert.Equal(276.0, s.Item);
        Assert.Equal(11.5, Cube().Mean().Item);
    }

    [Fact]
    public void SumAlongEachAxis()
    {
        var s0 = Cube().Sum(0);
        Assert.Equal(new Shape(3, 4), s0.Shape);
        Assert.Equal([12.0, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34], s0.ToArray());
        var s1 = Cube().Sum(1);
        Assert.Equal(new Shape(2, 4), s1.Shape);
        Assert.Equal([12.0, 15, 18, 21, 48, 51, 54, 57], s1.ToArray());
        var s2 = Cube().Sum(-1);
        Assert.Equal(new Shape(2, 3), s2.Shape);
        Assert.Equal([6.0, 22, 38, 54, 70, 86], s2.ToArray());
        Assert.Equal(0, Tensor.From(1.0, 2.0).Sum(0).Rank);
    }

    [Fact]
    public void MeanAlongAnAxis()
    {
        var m = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 9 } });
        Assert.Equal([2.5, 3.5, 6], m.Mean(0).ToArray());
        Assert.Equal([2.0, 6], m.Mean(1).ToArray());
        Assert.Equal([4.0, 5, 6, 7, 16, 17, 18, 19], Cube().Mean(1).ToArray());
    }

    [Fact]
    public void MaxOfEverythingAndAlongAnAxis()
    {
        var m = Tensor.From(new double[,] { { 3, -1, 7 }, { 2, 8, -5 } });
        Assert.Equal(8.0, m.Max().Item);
        Assert.Equal([3.0, 8, 7], m.Max(0).ToArray());
        Assert.Equal([7.0, 8], m.Max(1).ToArray());
        Assert.Equal([20.0, 21, 22, 23], Cube().Max(0).Max(0).ToArray());
        Assert.Equal(-1.0, Tensor.From(-3.0, -1.0, -2.0).Max().Item);
    }

    [Fact]
    public void ArgMaxPerRowAndPerColumn()
    {
        var m = Tensor.From(new double[,] { { 3, -1, 7 }, { 2, 8, -5 }, { 0, 0, 0 } });
        Assert.Equal([2, 1, 0], m.ArgMax());           // last axis by default; ties go to the first
        Assert.Equal([0, 1, 0], m.ArgMax(0));
        Assert.Equal([2, 2, 2, 2, 2, 2, 2, 2], Cube().ArgMax(1));
        Assert.Equal([3], Tensor.From(1.0, 2.0, 0.5, 9.0).ArgMax());
    }

    [Fact]
    public void FloatReductions()
    {
        var f = Tensor.From(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(10f, f.Sum().Item);
        Assert.Equal([1.5f, 3.5f], f.Mean(1).ToArray());
        Assert.Equal(4f, f.Max().Item);
    }
}
