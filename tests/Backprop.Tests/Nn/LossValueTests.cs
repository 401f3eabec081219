using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>Forward values of the losses against their textbook definitions, and their stability on extreme inputs.</summary>
public class LossValueTests
{
    [Theory]
    [InlineData("softmax_ce")]
    [InlineData("bce_logits")]
    [InlineData("mse_mean")]
    public void AnEmptyBatchIsRefusedNotNaN(string name)
    {
        var loss = Loss.Parse(name);
        int width = name == "softmax_ce" ? 3 : 1;
        var target = name == "softmax_ce" ? new Tensor<double>(new Shape(0)) : new Tensor<double>(new Shape(0, 1));
        var e = Assert.Throws<ArgumentException>(() => loss.Compute(new Tensor<double>(new Shape(0, width)), target));
        Assert.Contains("the batch is empty", e.Message);
    }

    [Fact]
    public void CrossEntropyIsTheMeanNegativeLogProbabilityOfTheLabel()
    {
        var z = TestData.Normal(1, 2, 4, 3);
        var labels = Tensor.From(2.0, 0, 1, 2);
        double expected = 0;
        for (int r = 0; r < 4; r++)
        {
            double s = 0;
            for (int c = 0; c < 3; c++) s += Math.Exp(z[r, c]);
            expected -= Math.Log(Math.Exp(z[r, (int)labels[r]]) / s);
        }
        expected /= 4;
        TestData.AssertClose(expected, new CrossEntropy().Compute(z, labels).Item, 1e-14, "CE");

        // One-hot probability targets give the same loss as the indices.
        var onehot = Tensor.From(new double[,] { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
        TestData.AssertClose(expected, new CrossEntropy().Compute(z, onehot).Item, 1e-14, "CE one-hot");
    }

    [Fact]
    public void CrossEntropyOfHugeLogitsIsFinite()
    {
        var z = Tensor.From(new double[,] { { 1000, -1000 }, { -1000, 1000 } });
        z.RequiresGrad = true;
        var loss = new CrossEntropy().Compute(z, Tensor.From(1.0, 1.0));
        Assert.Equal(1000.0, loss.Item); // row 0 is 2000 off, row 1 is right: (2000 + 0) / 2
        loss.Backward();
        Assert.All(z.Grad!.ToArray(), g => Assert.True(double.IsFinite(g)));
    }

    [Fact]
    public void BinaryCrossEntropyIsTheMeanOfTheTextbookFormula()
    {
        var z = TestData.Normal(2, 2, 5, 2);
        var y = TestData.Uniform(3, 0, 1, 5, 2);
        double expected = 0;
        for (int i = 0; i < 10; i++)
        {
            double p = 1 / (1 + Math.Exp(-z.Span[i]));
            expected -= y.Span[i] * Math.Log(p) + (1 - y.Span[i]) * Math.Log(1 - p);
        }
        expected /= 10;
        TestData.AssertClose(expected, new BinaryCrossEntropy().Compute(z, y).Item, 1e-13, "BCE");
    }

    [Fact]
    public void BinaryCrossEntropyOfLogitsFiftyAwayIsFiniteAndExact()
    {
        var z = Tensor<double>.FromArray([50, -50, 50, -50], 4, 1);
        z.RequiresGrad = true;
        var loss = new BinaryCrossEntropy().Compute(z, Tensor.From(0.0, 1, 1, 0));
        // Two confidently wrong (loss ≈ 50 each), two confidently right (≈ e⁻⁵⁰).
        TestData.AssertClose((50 + 50 + 2 * Math.Exp(-50)) / 4, loss.Item, 1e-15, "BCE at ±50");
        loss.Backward();
        double[] g = z.Grad!.ToArray();
        Assert.All(g, v => Assert.True(double.IsFinite(v)));
        TestData.AssertClose(0.25, g[0], 1e-15, "dL/dz where z = 50, y = 0");
        TestData.AssertClose(-0.25, g[1], 1e-15, "dL/dz where z = -50, y = 1");

        var f = Tensor<float>.FromArray([100f, -100f], 2, 1);
        f.RequiresGrad = true;
        var fl = new BinaryCrossEntropy().Compute(f, Tensor.From(0f, 1f));
        Assert.Equal(100f, fl.Item);
        fl.Backward();
        Assert.All(f.Grad!.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    // 2×3, so that ½Σ/N (= 10/4) and Σ/(N·C) (= 10/6) differ.
    private static readonly double[,] Output = { { 1, 2, 3 }, { 4, 5, 6 } };
    private static readonly double[,] Target = { { 0, 2, 3 }, { 4, 5, 9 } };

    [Fact]
    public void HalfSquaredErrorIsHalfTheSumOverOutputsAveragedOverTheBatch()
    {
        TestData.AssertClose(10.0 / 4, new HalfSquaredError().Compute(Tensor.From(Output), Tensor.From(Target)).Item, 1e-15, "half squared error");
    }

    [Fact]
    public void MeanSquaredErrorIsTheMeanOverAllElements()
    {
        TestData.AssertClose(10.0 / 6, new MeanSquaredError().Compute(Tensor.From(Output), Tensor.From(Target)).Item, 1e-15, "MSE");
        var column = Tensor<double>.FromArray([1, 2, 3], 3, 1);
        TestData.AssertClose((1 + 0 + 4) / 3.0, new MeanSquaredError().Compute(column, Tensor.From(0.0, 2, 5)).Item, 1e-15, "MSE [3, 1] vs [3]");
    }

    [Fact]
    public void LossesParseByName()
    {
        Assert.IsType<CrossEntropy>(Loss.Parse("softmax_ce"));
        Assert.IsType<BinaryCrossEntropy>(Loss.Parse(" BCE "));
        Assert.IsType<HalfSquaredError>(Loss.Parse("mse_half"));
        Assert.IsType<MeanSquaredError>(Loss.Parse("mse"));
        var e = Assert.Throws<FormatException>(() => Loss.Parse("hinge"));
        Assert.Contains("hinge", e.Message);
    }
}
