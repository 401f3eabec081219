using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Ops;

/// <summary>Softmax and log-softmax over the last axis: backward against finite differences, and stable forward values.</summary>
public class SoftmaxGradientTests
{
    public static TheoryData<int[]> Shapes() => new() { new[] { 1, 1 }, new[] { 1, 7 }, new[] { 5, 3 }, new[] { 3, 1 }, new[] { 4 }, new[] { 2, 3, 4 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void SoftmaxMatchesFiniteDifferences(int[] shape)
    {
        var x = TestData.Normal(TestData.Seed([.. shape, 1]), 1.5, shape);
        // With one class the output is constantly 1: the gradient really is zero.
        GradCheck.Check($"softmax [{string.Join(", ", shape)}]", t => t.Softmax(), x, allowZeroGradient: shape[^1] == 1);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void LogSoftmaxMatchesFiniteDifferences(int[] shape)
    {
        var x = TestData.Normal(TestData.Seed([.. shape, 2]), 1.5, shape);
        GradCheck.Check($"log-softmax [{string.Join(", ", shape)}]", t => t.LogSoftmax(), x, allowZeroGradient: shape[^1] == 1);
    }

    [Fact]
    public void RowsSumToOneAndMatchTheDefinition()
    {
        var x = TestData.Normal(9, 2, 4, 5);
        var p = x.Softmax();
        var logp = x.LogSoftmax();
        for (int r = 0; r < 4; r++)
        {
            double z = 0;
            for (int c = 0; c < 5; c++) z += Math.Exp(x[r, c]);
            double sum = 0;
            for (int c = 0; c < 5; c++)
            {
                TestData.AssertClose(Math.Exp(x[r, c]) / z, p[r, c], 1e-15, $"softmax[{r}, {c}]");
                TestData.AssertClose(x[r, c] - Math.Log(z), logp[r, c], 1e-14, $"log-softmax[{r}, {c}]");
                sum += p[r, c];
            }
            TestData.AssertClose(1.0, sum, 1e-15, $"row {r} sum");
        }
    }

    [Fact]
    public void LargeLogitsStayFinite()
    {
        var x = Tensor.From(new double[,] { { 1000, 0, -1000 }, { -800, -800, -801 } });
        var p = x.Softmax().ToArray();
        var logp = x.LogSoftmax().ToArray();
        Assert.All(p, v => Assert.True(double.IsFinite(v)));
        Assert.All(logp, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(1.0, p[0]);
        Assert.Equal(-1000.0, logp[1]);
        TestData.AssertClose(-Math.Log(2 + Math.Exp(-1)), logp[3], 1e-14, "log-softmax of equal large negatives");

        var f = Tensor<float>.FromArray([100f, -100f, 0f], 1, 3);
        Assert.All(f.Softmax().ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(f.LogSoftmax().ToArray(), v => Assert.True(float.IsFinite(v)));
    }
}
