using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>Regression metrics against values worked out by hand.</summary>
public class MetricsTests
{
    [Fact]
    public void MseMaeAndR2OfOneColumn()
    {
        // y = (1, 2, 3, 4), p = (1.5, 2, 2, 5): errors (0.5, 0, -1, 1); SS_res = 2.25, mean y 2.5, SS_tot = 5.
        var (mse, mae, r2) = Metrics.RegressionOf(Tensor<double>.FromArray([1.5, 2, 2, 5], 4, 1), Tensor<double>.FromArray([1, 2, 3, 4], 4, 1));
        Assert.Equal(2.25 / 4, mse, 15);
        Assert.Equal(2.5 / 4, mae, 15);
        Assert.Equal(1 - 2.25 / 5, r2, 15);
    }

    [Fact]
    public void R2IsTheMeanOverColumns()
    {
        // Column 0: y = (0, 2), p = (0, 2): perfect, R² = 1. Column 1: y = (1, 3), p = (2, 2): SS_res = 2, SS_tot = 2, R² = 0.
        var (mse, mae, r2) = Metrics.RegressionOf(Tensor<double>.FromArray([0, 2, 2, 2], 2, 2), Tensor<double>.FromArray([0, 1, 2, 3], 2, 2));
        Assert.Equal(2.0 / 4, mse, 15);
        Assert.Equal(2.0 / 4, mae, 15);
        Assert.Equal(0.5, r2, 15);
    }

    [Fact]
    public void ConstantTargetHasNoR2()
    {
        // SS_tot = 0: R² is undefined (NaN), while MSE and MAE are still the errors: (1, 0, 1) and (1, 0, 1).
        var (mse, mae, r2) = Metrics.RegressionOf(Tensor<double>.FromArray([3, 2, 1], 3, 1), Tensor<double>.FromArray([2, 2, 2], 3, 1));
        Assert.Equal(2.0 / 3, mse, 15);
        Assert.Equal(2.0 / 3, mae, 15);
        Assert.True(double.IsNaN(r2));
    }

    [Fact]
    public void MismatchedShapesAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Metrics.RegressionOf(Tensor<double>.Zeros(3, 1), Tensor<double>.Zeros(2, 1)));
        Assert.Contains("targets [2, 1] do not match predictions [3, 1]", e.Message);
    }
}
