using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Training;

/// <summary>The allocation-free predictor gives what <see cref="Trainer.Predict{T}"/> gives, row by row and for a batch.</summary>
public class PredictorTests
{
    private static readonly Sequential<double> Model = Mlp.Create<double>([4, 6, 3], Activation.Tanh, seed: 5);
    private static readonly Tensor<double> X = Tensor<double>.RandomNormal(7, 0, 1, 9, 4);

    [Fact]
    public void OneRowEqualsTrainerPredict()
    {
        var predictor = new Predictor<double>(Model, new CrossEntropy());
        var expected = Trainer.Predict(Model, new CrossEntropy(), X);
        var output = new double[3];
        for (int r = 0; r < X.Shape[0]; r++)
        {
            predictor.Predict(X.Span.Slice(r * 4, 4), output);
            for (int j = 0; j < 3; j++) Assert.Equal(expected[r, j], output[j], 14);
            Assert.Equal(1.0, output.Sum(), 14); // probabilities, not logits
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(16)]
    public void ManyRowsEqualTrainerPredict(int maxBatch)
    {
        // maxBatch 1 makes the predictor grow its buffers for the 9 rows.
        var predictor = new Predictor<double>(Model, new CrossEntropy(), maxBatch);
        var expected = Trainer.Predict(Model, new CrossEntropy(), X);
        var got = predictor.Predict(X);
        Assert.Equal(expected.Shape, got.Shape);
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected.Span[i], got.Span[i], 14);
    }

    [Fact]
    public void RegressionOutputsAreTheValues()
    {
        var model = Mlp.Create<double>([4, 5, 2], Activation.Relu, seed: 2);
        var expected = model.Forward(X);
        var got = new Predictor<double>(model, new MeanSquaredError(), 4).Predict(X);
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected.Span[i], got.Span[i], 14);
    }

    [Fact]
    public void WrongWidthIsRefusedWithBothSizes()
    {
        var predictor = new Predictor<double>(Model, new CrossEntropy());
        var one = Assert.Throws<ArgumentException>(() => predictor.Predict(new double[3], new double[3]));
        Assert.Equal("Predict: 3 features for a model with 4 inputs.", one.Message);
        var many = Assert.Throws<ArgumentException>(() => predictor.Predict(Tensor<double>.Zeros(2, 5)));
        Assert.Equal("Predict: input [2, 5] does not fit a model with 4 inputs (want [N, 4]).", many.Message);
        var room = Assert.Throws<ArgumentException>(() => predictor.Predict(new double[4], new double[2]));
        Assert.Equal("Predict: output has room for 2 values; the model gives 3.", room.Message);
    }
}
