using Backprop.Tensors;

namespace Backprop.Tests.Autograd;

/// <summary>Backward called the wrong way says what was wrong and shows the shapes.</summary>
public class BackwardErrorTests
{
    [Fact]
    public void BackwardOnANonScalarWithoutAGradientAsksForOne()
    {
        var x = Tensor<double>.Ones(32, 10);
        x.RequiresGrad = true;
        var y = x * 2.0;
        var e = Assert.Throws<InvalidOperationException>(y.Backward);
        Assert.Contains("scalar", e.Message);
        Assert.Contains("explicit gradient", e.Message);
        Assert.Contains("[32, 10]", e.Message);
    }

    [Fact]
    public void BackwardWithAGradientOfTheWrongShapeNamesBoth()
    {
        var x = Tensor<double>.Ones(32, 10);
        x.RequiresGrad = true;
        var y = x * 2.0;
        var e = Assert.Throws<ArgumentException>(() => y.Backward(Tensor<double>.Ones(10, 32)));
        Assert.Contains("[10, 32]", e.Message);
        Assert.Contains("[32, 10]", e.Message);
    }

    [Fact]
    public void BackwardOnATensorThatNeedsNoGradientSaysSo()
    {
        var y = Tensor.From(1.0, 2.0).Sum();
        var e = Assert.Throws<InvalidOperationException>(y.Backward);
        Assert.Contains("does not require a gradient", e.Message);
    }

    [Fact]
    public void ExplicitGradientIsTheSeed()
    {
        var x = Tensor.From(1.0, 2.0, 3.0);
        x.RequiresGrad = true;
        (x * 2.0).Backward(Tensor.From(1.0, 10.0, 100.0));
        Assert.Equal([2.0, 20.0, 200.0], x.Grad!.ToArray());
    }

    [Fact]
    public void BackwardOnAOneElementMatrixNeedsNoExplicitGradient()
    {
        var x = Tensor<double>.FromArray([4.0], 1, 1);
        x.RequiresGrad = true;
        x.Pow(2.0).Backward();
        Assert.Equal(8.0, x.Grad!.Item);
    }
}
