using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>The per-step finite check: its fast sum must not mistake large finite gradients for divergence, nor miss a NaN or infinity.</summary>
public class DivergenceCheckTests
{
    private static (string, Tensor<float>)[] WithGradient(params float[] gradient)
    {
        var w = Tensor<float>.Zeros(gradient.Length);
        w.Grad = Tensor<float>.FromArray(gradient);
        return [("layer1.w", w)];
    }

    [Fact]
    public void FiniteGradientsWhoseSumOverflowsAreNotDivergence() =>
        Assert.Null(Divergence.Find(1.0, WithGradient(3e38f, 3e38f, 1f)));

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void ANonFiniteGradientIsNamed(float bad, string kind) =>
        Assert.Equal($"the gradient of layer1.w became {kind} first (counting from the output)", Divergence.Find(1.0, WithGradient(1f, bad, -2f)));
}
