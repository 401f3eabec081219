using Backprop.Tensors;

namespace Backprop.Tests.Autograd;

public class MultiPathTests
{
    [Fact]
    public void ValueUsedTwiceGetsSumOfPaths()
    {
        // y = x·x + x  ⇒  dy/dx = 2x + 1
        var x = Tensor.Scalar(3.0, requiresGrad: true);
        var y = x * x + x;
        y.Backward();
        Assert.Equal(7.0, x.Grad!.Item);
    }

    [Fact]
    public void MicrogradStyleExpression()
    {
        var a = Tensor.Scalar(-4.0, requiresGrad: true);
        var b = Tensor.Scalar(2.0, requiresGrad: true);
        var c = a * b + a.Pow(2.0);   // c = ab + a²
        c.Backward();
        Assert.Equal(8.0, c.Item);
        Assert.Equal(b.Item + 2 * a.Item, a.Grad!.Item); // dc/da = b + 2a
        Assert.Equal(a.Item, b.Grad!.Item);              // dc/db = a
    }
}
