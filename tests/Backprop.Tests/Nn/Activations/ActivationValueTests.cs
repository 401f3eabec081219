using Backprop.Kernels;
using Backprop.Nn;

namespace Backprop.Tests.Nn.Activations;

/// <summary>Values at a few points against the formulas PyTorch documents (its outputs in double), and erf against known values.</summary>
public class ActivationValueTests
{
    [Theory]
    [InlineData("gelu", 1.0, 0.8413447460685429)]
    [InlineData("gelu", -1.0, -0.15865525393145707)]
    [InlineData("gelu", 3.0, 2.99595030590511)]
    [InlineData("gelu_tanh", 1.0, 0.8411919906082768)]
    [InlineData("gelu_tanh", -2.0, -0.04540230591222494)]
    [InlineData("silu", 1.0, 0.7310585786300049)]
    [InlineData("silu", -2.0, -0.2384058440442351)]
    [InlineData("softplus", 1.0, 1.3132616875182228)]
    [InlineData("softplus", -30.0, 9.357622968839737e-14)]
    [InlineData("softplus", 25.0, 25.0)]
    [InlineData("elu", -1.0, -0.6321205588285577)]
    [InlineData("elu:0.5", -2.0, -0.43233235838169365)]
    [InlineData("elu", 2.0, 2.0)]
    [InlineData("sigmoid", 0.5, 0.6224593312018546)]
    [InlineData("tanh", 0.5, 0.46211715726000974)]
    [InlineData("tanh", -3.0, -0.9950547536867305)]
    [InlineData("leaky_relu:0.1", -3.0, -0.3)]
    [InlineData("relu", -3.0, 0.0)]
    public void ForwardMatchesPyTorch(string name, double x, double expected)
    {
        var y = new double[1];
        Activation.Parse(name).Forward<double>([x], y);
        Assert.Equal(expected, y[0], Math.Abs(expected) * 4e-16 + 1e-300);
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1e-10, 1.1283791670955126e-10)]
    [InlineData(0.1, 0.1124629160182849)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.0, 0.9953222650189527)]
    [InlineData(2.999, 0.9999777698314002)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(3.5, 0.9999992569016276)]
    [InlineData(5.0, 0.9999999999984626)]
    [InlineData(7.0, 1.0)]
    [InlineData(double.PositiveInfinity, 1.0)]
    public void ErfMatchesKnownValues(double x, double expected)
    {
        Assert.Equal(expected, LaneFunctions.Erf<double, ScalarLanes<double>, double>(x), 2e-16);
        Assert.Equal(-expected, LaneFunctions.Erf<double, ScalarLanes<double>, double>(-x), 2e-16);
    }

    [Fact]
    public void ErfIsWithinTwoUlpsOfOneOverItsRange()
    {
        // erf against its Taylor series where that converges without cancellation, |x| ≤ 0.5 (terms below 1e-17 after 12).
        for (double x = -0.5; x <= 0.5; x += 1.0 / 64)
        {
            double sum = 0, term = x;
            for (int n = 0; n < 20; n++, term *= -x * x / n) sum += term / (2 * n + 1);
            Assert.Equal(2 / Math.Sqrt(Math.PI) * sum, LaneFunctions.Erf<double, ScalarLanes<double>, double>(x), 3e-16);
        }
    }

    [Fact]
    public void NaNStaysNaN()
    {
        foreach (var entry in Activation.Registered.Where(e => e.Default.IsElementwise && !e.Default.IsIdentity))
        {
            var y = new double[1];
            entry.Default.Forward<double>([double.NaN], y);
            Assert.True(double.IsNaN(y[0]), $"{entry.Name}(NaN) = {y[0]}");
        }
    }
}
