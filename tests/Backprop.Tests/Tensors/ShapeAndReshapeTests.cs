using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>Shapes: equality, axes, broadcasting rules, limits; Reshape with an inferred -1.</summary>
public class ShapeAndReshapeTests
{
    [Fact]
    public void ShapeBasics()
    {
        var s = new Shape(2, 3, 4);
        Assert.Equal(3, s.Rank);
        Assert.Equal(24, s.Length);
        Assert.Equal(4, s[-1]);
        Assert.Equal(2, s[0]);
        Assert.Equal("[2, 3, 4]", s.ToString());
        Assert.Equal("[]", Shape.Scalar.ToString());
        Assert.Equal(1, Shape.Scalar.Length);
        Assert.Equal(new Shape(2, 3, 4), s);
        Assert.True(new Shape(2, 3) == new Shape(2, 3));
        Assert.True(new Shape(2, 3) != new Shape(3, 2));
        Assert.Equal(new Shape(2, 3).GetHashCode(), new Shape(2, 3).GetHashCode());
        Assert.Equal(new Shape(2, 4), s.Without(1));
        Assert.Equal([2, 3, 4], s.ToArray());
    }

    [Fact]
    public void ShapeLimitsAreExplained()
    {
        Assert.Contains("rank 5", Assert.Throws<ArgumentException>(() => new Shape(1, 2, 3, 4, 5)).Message);
        Assert.Contains("negative", Assert.Throws<ArgumentException>(() => new Shape(2, -1)).Message);
        Assert.Contains("more than", Assert.Throws<ArgumentException>(() => new Shape(100000, 100000)).Message);
    }

    [Theory]
    [InlineData(new[] { 5, 3 }, new[] { 3 }, new[] { 5, 3 })]
    [InlineData(new[] { 5, 3 }, new[] { 5, 1 }, new[] { 5, 3 })]
    [InlineData(new[] { 5, 1 }, new[] { 1, 3 }, new[] { 5, 3 })]
    [InlineData(new int[0], new[] { 2, 2 }, new[] { 2, 2 })]
    [InlineData(new[] { 2, 1, 3 }, new[] { 4, 1 }, new[] { 2, 4, 3 })]
    [InlineData(new[] { 1 }, new[] { 1 }, new[] { 1 })]
    public void BroadcastFollowsNumPy(int[] a, int[] b, int[] expected)
    {
        Assert.Equal(new Shape(expected), Shape.Broadcast(new Shape(a), new Shape(b), "op"));
        Assert.Equal(new Shape(expected), Shape.Broadcast(new Shape(b), new Shape(a), "op"));
    }

    [Fact]
    public void ReshapeInfersMinusOne()
    {
        var x = Tensor<double>.Arange(0, 12);
        Assert.Equal(new Shape(3, 4), x.Reshape(3, -1).Shape);
        Assert.Equal(new Shape(2, 6), x.Reshape(-1, 6).Shape);
        Assert.Equal(new Shape(2, 3, 2), x.Reshape(2, -1, 2).Shape);
        Assert.Equal(new Shape(12), x.Reshape(3, 4).Reshape(-1).Shape);
        Assert.Equal(x.ToArray(), x.Reshape(4, -1).ToArray());
        Assert.Equal(7.0, x.Reshape(3, -1)[1, 3]);
        Assert.Equal(new Shape(), Tensor.From(5.0).Reshape().Shape);
    }

    [Fact]
    public void ReshapeDoesNotChangeTheOriginal()
    {
        var x = Tensor<double>.Arange(0, 6).Reshape(2, 3);
        var y = x.Reshape(3, 2);
        Assert.Equal(new Shape(2, 3), x.Shape);
        Assert.Equal(new Shape(3, 2), y.Shape);
    }
}
