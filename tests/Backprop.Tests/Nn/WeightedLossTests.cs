using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>The weighted loss L = Σ wᵢ·lᵢ / Σ wᵢ of every built-in loss: its gradient against finite differences, its value against the rows' own losses.</summary>
public class WeightedLossTests
{
    private const int Rows = 5;

    public static TheoryData<string> LossNames() => ["softmax_ce", "bce_logits", "mse_half", "mse_mean"];

    // Outputs [5, 3] and targets fit for the loss: class indices, 0/1 values, or real values.
    private static (Tensor<double> Output, Tensor<double> Target) Batch(Loss loss)
    {
        var output = TestData.Normal(TestData.Seed(loss.Name, 1), 1.5, Rows, 3);
        var target = loss.Task switch
        {
            TaskKind.Classification => TestData.Labels(TestData.Seed(loss.Name, 2), Rows, 3),
            TaskKind.Binary => TestData.Labels(TestData.Seed(loss.Name, 3), Rows * 3, 2).Reshape(Rows, 3),
            _ => TestData.Normal(TestData.Seed(loss.Name, 4), 1, Rows, 3),
        };
        return (output, target);
    }

    private static readonly Tensor<double> Weights = Tensor.From([0.5, 3.0, 0.0, 1.25, 2.0]);

    [Theory]
    [MemberData(nameof(LossNames))]
    public void GradientOfTheWeightedLossMatchesFiniteDifferences(string name)
    {
        var loss = Loss.Parse(name);
        var (output, target) = Batch(loss);
        GradCheck.Check($"weighted {name}", z => loss.Compute(z, target, Weights), output);
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void TheValueIsTheWeightedMeanOfTheRowsLosses(string name)
    {
        var loss = Loss.Parse(name);
        var (output, target) = Batch(loss);
        int width = target.Length / Rows;
        double weighted = 0, sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            var row = new Tensor<double>(new Shape(1, 3), output.Span.Slice(r * 3, 3).ToArray());
            var rowTarget = new Tensor<double>(width == 1 ? new Shape(1) : new Shape(1, width), target.Span.Slice(r * width, width).ToArray());
            weighted += Weights.Span[r] * loss.Compute(row, rowTarget).Item;
            sum += Weights.Span[r];
        }
        Assert.Equal(weighted / sum, loss.Compute(output, target, Weights).Item, 12);
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void EqualWeightsGiveThePlainMeanAndItsGradient(string name)
    {
        var loss = Loss.Parse(name);
        var (output, target) = Batch(loss);
        var equal = Tensor.From(Enumerable.Repeat(7.0, Rows).ToArray());
        var plain = new double[output.Length];
        var weighted = new double[output.Length];
        double l = loss.ValueAndGradient<double>(output.Span, target.Span, Rows, 3, plain);
        double w = loss.WeightedValueAndGradient<double>(output.Span, target.Span, equal.Span, Rows, 3, weighted);
        Assert.Equal(l, w, 12);
        for (int i = 0; i < plain.Length; i++) Assert.Equal(plain[i], weighted[i], 12);
    }

    [Fact]
    public void ARowOfWeightZeroHasNoGradientAndWeightsOfZeroSumGiveZero()
    {
        var loss = new CrossEntropy();
        var (output, target) = Batch(loss);
        var gradient = new double[output.Length];
        loss.WeightedValueAndGradient<double>(output.Span, target.Span, Weights.Span, Rows, 3, gradient);
        Assert.All(gradient.AsSpan(2 * 3, 3).ToArray(), g => Assert.Equal(0, g));
        Assert.Equal(0, loss.WeightedValueAndGradient<double>(output.Span, target.Span, new double[Rows], Rows, 3, gradient));
        Assert.All(gradient, g => Assert.Equal(0, g));
    }

    [Fact]
    public void NegativeOrNaNWeightsAreRefusedNamingTheRow()
    {
        var loss = new CrossEntropy();
        var (output, target) = Batch(loss);
        var e = Assert.Throws<ArgumentException>(() => loss.Compute(output, target, Tensor.From([1.0, 1, -2, 1, 1])));
        Assert.Contains("row 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => loss.Compute(output, target, Tensor.From([1.0, double.NaN, 1, 1, 1])));
        Assert.Contains("row 1", e.Message);
    }
}
