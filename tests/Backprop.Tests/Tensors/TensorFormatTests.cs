using Backprop.Tensors;

namespace Backprop.Tests.Tensors;

/// <summary>ToString shows the element type, shape and values, eliding the middle of long axes.</summary>
public class TensorFormatTests
{
    [Fact]
    public void MatrixShowsShapeAndNestedValues()
        => Assert.Equal("Tensor<Double> [2, 3] [[1, 2, 3], [4, 5, 6]]", Tensor<double>.FromArray([1, 2, 3, 4, 5, 6], 2, 3).ToString());

    [Fact]
    public void ScalarShowsItsValueAndGradientFlag()
        => Assert.Equal("Tensor<Single> [] 0.5 requires_grad", Tensor.Scalar(0.5f, requiresGrad: true).ToString());

    [Fact]
    public void LongAxesAreElided()
        => Assert.Equal("Tensor<Double> [10] [0, 1, 2, ..., 7, 8, 9]", Tensor<double>.Arange(0, 10).ToString());

    [Fact]
    public void ValuesUseSixSignificantDigitsAndInvariantCulture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("Tensor<Double> [2] [3.14159, -1E-07]", Tensor.From(Math.PI, -1e-7).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void RankThreeNestsThreeDeep()
        => Assert.Equal("Tensor<Double> [2, 1, 2] [[[0, 1]], [[2, 3]]]", Tensor<double>.Arange(0, 4).Reshape(2, 1, 2).ToString());
}
