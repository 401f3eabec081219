using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>Forward values of + - * / with NumPy broadcasting and with scalar operands.</summary>
public class BroadcastArithmeticTests
{
    private static readonly Tensor<double> M = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });

    [Fact]
    public void SameShape()
    {
        var n = Tensor.From(new double[,] { { 10, 20, 30 }, { 40, 50, 60 } });
        Assert.Equal([11.0, 22, 33, 44, 55, 66], (M + n).ToArray());
        Assert.Equal([-9.0, -18, -27, -36, -45, -54], (M - n).ToArray());
        Assert.Equal([10.0, 40, 90, 160, 250, 360], (M * n).ToArray());
        Assert.Equal([10.0, 10, 10, 10, 10, 10], (n / M).ToArray());
    }

    [Fact]
    public void RowVectorStretchesOverRows()
    {
        var row = Tensor.From(10.0, 20, 30);
        Assert.Equal(new Shape(2, 3), (M + row).Shape);
        Assert.Equal([11.0, 22, 33, 14, 25, 36], (M + row).ToArray());
        Assert.Equal([9.0, 18, 27, 6, 15, 24], (row - M).ToArray());
        Assert.Equal([10.0, 10, 10, 2.5, 4, 5], (row / M).ToArray());
    }

    [Fact]
    public void ColumnStretchesOverColumns()
    {
        var col = Tensor<double>.FromArray([10, 100], 2, 1);
        Assert.Equal([10.0, 20, 30, 400, 500, 600], (M * col).ToArray());
        Assert.Equal([-9.0, -8, -7, -96, -95, -94], (M - col).ToArray());
        Assert.Equal([9.0, 8, 7, 96, 95, 94], (col - M).ToArray());
    }

    [Fact]
    public void ScalarTensorAndScalarValues()
    {
        var s = Tensor.Scalar(2.0);
        Assert.Equal([3.0, 4, 5, 6, 7, 8], (M + s).ToArray());
        Assert.Equal([1.0, 0, -1, -2, -3, -4], (s - M).ToArray());
        Assert.Equal([0.5, 1, 1.5, 2, 2.5, 3], (M / 2.0).ToArray());
        Assert.Equal([2.0, 1, 2.0 / 3, 0.5, 0.4, 2.0 / 6], (2.0 / M).ToArray());
        Assert.Equal([-1.0, 0, 1, 2, 3, 4], (M - 2.0).ToArray());
        Assert.Equal([1.0, 0, -1, -2, -3, -4], (2.0 - M).ToArray());
        Assert.Equal([3.0, 6, 9, 12, 15, 18], (3.0 * M).ToArray());
        Assert.Equal([-1.0, -2, -3, -4, -5, -6], (-M).ToArray());
        Assert.Equal(new Shape(2, 3), (Tensor<double>.FromArray([5.0], 1) * M).Shape);
    }

    [Fact]
    public void OuterBroadcastOfAColumnAndARow()
    {
        var col = Tensor<double>.FromArray([1, 2, 3], 3, 1);
        var row = Tensor<double>.FromArray([10, 20], 1, 2);
        var sum = col + row;
        Assert.Equal(new Shape(3, 2), sum.Shape);
        Assert.Equal([11.0, 21, 12, 22, 13, 23], sum.ToArray());
        Assert.Equal([-9.0, -19, -8, -18, -7, -17], (col - row).ToArray());
    }

    [Fact]
    public void HigherRanksAlignFromTheRight()
    {
        var a = Tensor<double>.Arange(0, 6).Reshape(2, 1, 3);   // [[[0,1,2]], [[3,4,5]]]
        var b = Tensor<double>.FromArray([100, 200], 2, 1);      // [[100], [200]]
        var c = a + b;
        Assert.Equal(new Shape(2, 2, 3), c.Shape);
        Assert.Equal([100.0, 101, 102, 200, 201, 202, 103, 104, 105, 203, 204, 205], c.ToArray());
    }

    [Fact]
    public void FloatArithmetic()
    {
        var a = Tensor.From(1f, 2f, 3f);
        Assert.Equal([0.5f, 1f, 1.5f], (a / 2f).ToArray());
        Assert.Equal([2f, 4f, 6f], (a + a).ToArray());
    }
}
