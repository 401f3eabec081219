using Backprop.Tensors;

namespace Backprop.Tests.Ops;

/// <summary>Ops given incompatible shapes throw before computing, naming the op and every shape involved.</summary>
public class ShapeErrorTests
{
    [Fact]
    public void MatMulNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(32, 784).MatMul(Tensor<double>.Zeros(128, 10)));
        Assert.Contains("MatMul", e.Message);
        Assert.Contains("[32, 784]", e.Message);
        Assert.Contains("[128, 10]", e.Message);
    }

    [Fact]
    public void MatMulOfANonMatrixSaysBothMustBeMatrices()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(3).MatMul(Tensor<double>.Zeros(3, 2)));
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[3, 2]", e.Message);
        Assert.Contains("matrices", e.Message);
    }

    public static TheoryData<string> Operators() => new() { "Add", "Sub", "Mul", "Div" };

    [Theory]
    [MemberData(nameof(Operators))]
    public void BroadcastingMismatchNamesTheOpAndBothShapes(string op)
    {
        var a = Tensor<double>.Ones(32, 10);
        var b = Tensor<double>.Ones(32);
        Func<Tensor<double>> f = op switch
        {
            "Add" => () => a + b,
            "Sub" => () => a - b,
            "Mul" => () => a * b,
            _ => () => a / b,
        };
        var e = Assert.Throws<ArgumentException>(() => f());
        Assert.Contains(op, e.Message);
        Assert.Contains("[32, 10]", e.Message);
        Assert.Contains("[32]", e.Message);
    }

    [Fact]
    public void BroadcastingMismatchInAHigherDimensionNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Ones(2, 3, 4) + Tensor<double>.Ones(5, 1, 4));
        Assert.Contains("[2, 3, 4]", e.Message);
        Assert.Contains("[5, 1, 4]", e.Message);
    }

    [Fact]
    public void ReshapeToTheWrongSizeNamesBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(5, 3).Reshape(4, 4));
        Assert.Contains("[5, 3]", e.Message);
        Assert.Contains("[4, 4]", e.Message);
        Assert.Contains("15", e.Message);
        Assert.Contains("16", e.Message);

        var inferred = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(5, 3).Reshape(4, -1));
        Assert.Contains("-1", inferred.Message);
        Assert.Contains("[5, 3]", inferred.Message);
    }

    [Fact]
    public void ReshapeWithTwoInferredDimensionsSaysOnlyOneMayBeInferred()
    {
        // Today this reports "Shape [-6, -1] has a negative dimension": a shape the caller never wrote, without the tensor's shape.
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(2, 3).Reshape(-1, -1));
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[-1, -1]", e.Message);
    }

    [Fact]
    public void TransposeOfANonMatrixSaysSo()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor<double>.Zeros(2, 3, 4).Transpose());
        Assert.Contains("[2, 3, 4]", e.Message);
    }

    [Fact]
    public void RowIndexOutOfRangeSaysWhichIndexAndHowManyRows()
    {
        var e = Assert.Throws<IndexOutOfRangeException>(() => Tensor<double>.Zeros(4, 2).Rows(1, 4));
        Assert.Contains("index 4", e.Message);
        Assert.Contains("4 rows", e.Message);
        Assert.Contains("[4, 2]", e.Message);
        Assert.Throws<IndexOutOfRangeException>(() => Tensor<double>.Zeros(4, 2).Row(-1));
    }

    [Fact]
    public void AxisOutOfRangeNamesTheAxisAndShape()
    {
        var x = Tensor<double>.Zeros(2, 3);
        foreach (var f in new Func<Tensor<double>>[] { () => x.Sum(2), () => x.Mean(-3), () => x.Max(5) })
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => f());
            Assert.Contains("out of range for shape [2, 3]", e.Message);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => x.ArgMax(2));
    }

    [Fact]
    public void SoftmaxOfAScalarSaysItNeedsAnAxis()
    {
        Assert.Contains("scalar", Assert.Throws<ArgumentException>(() => Tensor.Scalar(1.0).Softmax()).Message);
        Assert.Contains("scalar", Assert.Throws<ArgumentException>(() => Tensor.Scalar(1.0).LogSoftmax()).Message);
    }
}
