using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Ops;

/// <summary>Backward of MatMul, Transpose, Reshape and row indexing against finite differences.</summary>
public class MatrixGradientTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1, 7, 1)]
    [InlineData(1, 1, 7)]
    [InlineData(7, 1, 1)]
    [InlineData(5, 3, 2)]
    [InlineData(3, 1, 4)]
    [InlineData(2, 5, 7)]
    public void MatMulMatchesFiniteDifferences(int m, int k, int n)
    {
        var a = TestData.Normal(TestData.Seed(m, k, n), 1, m, k);
        var b = TestData.Normal(TestData.Seed(n, k, m), 1, k, n);
        GradCheck.Check($"[{m}, {k}] x [{k}, {n}]", xs => xs[0].MatMul(xs[1]), [a, b]);
    }

    [Fact]
    public void MatMulWithOneConstantOperand()
    {
        var w = TestData.Normal(4, 1, 3, 2);
        GradCheck.Check("x·W with W constant", x => x.MatMul(w), TestData.Normal(3, 1, 4, 3));
        Assert.Null(w.Grad);

        var x = TestData.Normal(5, 1, 4, 3);
        GradCheck.Check("x·W with x constant", t => x.MatMul(t), TestData.Normal(6, 1, 3, 2));
        Assert.Null(x.Grad);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(5, 3)]
    [InlineData(3, 1)]
    public void TransposeMatchesFiniteDifferences(int rows, int cols)
    {
        var x = TestData.Normal(TestData.Seed(rows, cols, 1), 1, rows, cols);
        GradCheck.Check($"transpose [{rows}, {cols}]", t => t.Transpose(), x);
        GradCheck.Check($"Transpose twice [{rows}, {cols}]", t => t.Transpose() * t.Transpose(), x);
    }

    public static TheoryData<int[], int[]> Reshapes() => new()
    {
        { [5, 3], [3, 5] },
        { [5, 3], [15] },
        { [5, 3], [-1] },
        { [5, 3], [1, -1, 1] },
        { [5, 3], [5, -1] },
        { [1, 7], [7, 1] },
        { [1, 1], [] },
        { [3, 1], [3] },
        { [2, 3, 4], [4, -1] },
    };

    [Theory]
    [MemberData(nameof(Reshapes))]
    public void ReshapeMatchesFiniteDifferences(int[] from, int[] to)
    {
        var x = TestData.Normal(TestData.Seed([.. from, .. to]), 1, from);
        // Squaring after the reshape makes the gradient depend on where each value went.
        GradCheck.Check($"reshape [{string.Join(", ", from)}] to [{string.Join(", ", to)}]", t => t.Reshape(to).Pow(2.0), x);
    }

    [Theory]
    [InlineData(new[] { 5, 3 }, new[] { 2, 0, 2, 4 })]
    [InlineData(new[] { 1, 1 }, new[] { 0, 0 })]
    [InlineData(new[] { 1, 7 }, new[] { 0 })]
    [InlineData(new[] { 3, 1 }, new[] { 2, 1 })]
    [InlineData(new[] { 4, 2, 3 }, new[] { 3, 3, 0 })]
    [InlineData(new[] { 6 }, new[] { 5, 1, 1 })]
    public void RowsMatchesFiniteDifferences(int[] shape, int[] indices)
    {
        var x = TestData.Normal(TestData.Seed([.. shape, .. indices]), 1, shape);
        // Repeated indices must add their gradients together.
        GradCheck.Check($"rows {string.Join(",", indices)} of [{string.Join(", ", shape)}]", t => t.Rows(indices).Pow(2.0), x);
    }

    [Theory]
    [InlineData(new[] { 5, 3 }, 0)]
    [InlineData(new[] { 5, 3 }, 4)]
    [InlineData(new[] { 1, 7 }, 0)]
    [InlineData(new[] { 3, 1 }, 1)]
    [InlineData(new[] { 7 }, 3)]
    public void RowMatchesFiniteDifferences(int[] shape, int index)
    {
        var x = TestData.Normal(TestData.Seed([.. shape, index]), 1, shape);
        GradCheck.Check($"row {index} of [{string.Join(", ", shape)}]", t => t.Row(index).Pow(2.0), x);
    }

    [Fact]
    public void RowAndRowsForwardValues()
    {
        var x = Tensor<double>.FromArray([1, 2, 3, 4, 5, 6], 3, 2);
        var row = x.Row(1);
        Assert.Equal(new Shape(2), row.Shape);
        Assert.Equal([3.0, 4.0], row.ToArray());
        var rows = x.Rows(2, 0, 2);
        Assert.Equal(new Shape(3, 2), rows.Shape);
        Assert.Equal([5.0, 6, 1, 2, 5, 6], rows.ToArray());
        var scalar = Tensor.From(7.0, 8.0, 9.0).Row(2);
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(9.0, scalar.Item);
    }

    [Fact]
    public void MatMulAndTransposeForwardValues()
    {
        var a = Tensor.From(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var b = Tensor.From(new double[,] { { 7, 8 }, { 9, 10 }, { 11, 12 } });
        var c = a.MatMul(b);
        Assert.Equal(new Shape(2, 2), c.Shape);
        Assert.Equal([58.0, 64, 139, 154], c.ToArray());
        var t = a.Transpose();
        Assert.Equal(new Shape(3, 2), t.Shape);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], t.ToArray());
    }
}
