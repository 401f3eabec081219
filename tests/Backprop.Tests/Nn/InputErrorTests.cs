using Backprop.Nn;
using Backprop.Nn.Activations;
using Backprop.Tensors;

namespace Backprop.Tests.Nn;

/// <summary>Layers and losses given bad inputs say what is wrong and where.</summary>
public class InputErrorTests
{
    [Fact]
    public void DenseGivenTheWrongWidthNamesTheLayerAndTheInput()
    {
        var layer = new Dense<float>(784, 128, Activation.Relu, seed: 1);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor<float>.Zeros(32, 100)));
        Assert.Contains("784", e.Message);
        Assert.Contains("128", e.Message);
        Assert.Contains("[32, 100]", e.Message);
    }

    [Fact]
    public void DenseGivenAVectorAsksForABatch()
    {
        var layer = new Dense<double>(3, 2);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor<double>.Zeros(3)));
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[N, 3]", e.Message);
    }

    [Fact]
    public void ErrorInsideASequentialNamesTheFailingLayer()
    {
        var model = Mlp.Create<double>([4, 8, 2], Activation.Tanh);
        var e = Assert.Throws<ArgumentException>(() => model.Forward(Tensor<double>.Zeros(5, 3)));
        Assert.Contains("Dense(4 -> 8, tanh)", e.Message);
        Assert.Contains("[5, 3]", e.Message);
    }

    [Fact]
    public void DenseWithWeightAndBiasThatDoNotFitNamesBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dense<double>(Tensor<double>.Zeros(3, 2), Tensor<double>.Zeros(3)));
        Assert.Contains("[3, 2]", e.Message);
        Assert.Contains("[3]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dense<double>(0, 3));
    }

    [Fact]
    public void CrossEntropyWithAClassIndexBeyondTheOutputSaysWhichAndWhere()
    {
        var logits = Tensor<double>.Zeros(4, 3);
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropy().Compute(logits, Tensor.From(0.0, 2, 7, 1)));
        Assert.Contains("class index 7", e.Message);
        Assert.Contains("row 2", e.Message);
        Assert.Contains("3-class", e.Message);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(1.5)]
    [InlineData(3.0)]
    [InlineData(double.NaN)]
    public void CrossEntropyRejectsEveryIndexThatIsNotAClass(double label)
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropy().Compute(Tensor<double>.Zeros(2, 3), Tensor.From(0.0, label)));
        Assert.Contains("row 1", e.Message);
    }

    [Fact]
    public void CrossEntropyWithMoreLabelsThanRowsGivesBothCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropy().Compute(Tensor<double>.Zeros(4, 3), Tensor.From(0.0, 1, 2, 0, 1)));
        Assert.Contains("5 labels", e.Message);
        Assert.Contains("batch of 4", e.Message);
    }

    [Fact]
    public void CrossEntropyWithProbabilityTargetsOfTheWrongShapeNamesBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropy().Compute(Tensor<double>.Zeros(4, 3), Tensor<double>.Zeros(4, 2)));
        Assert.Contains("[4, 2]", e.Message);
        Assert.Contains("[4, 3]", e.Message);
    }

    [Fact]
    public void CrossEntropyOnAVectorOfLogitsAsksForABatch()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropy().Compute(Tensor<double>.Zeros(3), Tensor.From(0.0)));
        Assert.Contains("[3]", e.Message);
    }

    public static TheoryData<string> ElementwiseLosses() => new() { "bce_logits", "mse_half", "mse_mean" };

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void ElementwiseLossWithTargetsForAnotherBatchSizeGivesBothCounts(string name)
    {
        var loss = Loss.Parse(name);
        var e = Assert.Throws<ArgumentException>(() => loss.Compute(Tensor<double>.Zeros(4, 1), Tensor<double>.Zeros(6)));
        Assert.Contains("6 targets", e.Message);
        Assert.Contains("batch of 4", e.Message);
    }

    [Theory]
    [MemberData(nameof(ElementwiseLosses))]
    public void ElementwiseLossWithTargetsOfAnotherShapeNamesBoth(string name)
    {
        var loss = Loss.Parse(name);
        var e = Assert.Throws<ArgumentException>(() => loss.Compute(Tensor<double>.Zeros(4, 2), Tensor<double>.Zeros(4, 3)));
        Assert.Contains("[4, 3]", e.Message);
        Assert.Contains("[4, 2]", e.Message);
    }

    [Fact]
    public void BinaryCrossEntropyWithATargetOutsideZeroOneSaysWhichElement()
    {
        var e = Assert.Throws<ArgumentException>(() => new BinaryCrossEntropy().Compute(Tensor<double>.Zeros(3, 1), Tensor.From(0.0, 1, 2)));
        Assert.Contains("target 2", e.Message);
        Assert.Contains("element 2", e.Message);
    }

    [Fact]
    public void MlpWithBadSizesShowsThem()
    {
        Assert.Contains("[4]", Assert.Throws<ArgumentException>(() => Mlp.Create<double>([4], Activation.Relu)).Message);
        var e = Assert.Throws<ArgumentException>(() => Mlp.Create<double>([4, 0, 2], Activation.Relu));
        Assert.Contains("4-0-2", e.Message);
    }

    [Fact]
    public void UnknownActivationListsTheKnownOnes()
    {
        var e = Assert.Throws<FormatException>(() => Activation.Parse("mish"));
        Assert.Contains("mish", e.Message);
        Assert.Contains("relu", e.Message);
        Assert.Throws<FormatException>(() => Activation.Parse("relu:0.1"));
        Assert.Equal(Activation.LeakyRelu(0.2), Activation.Parse("leaky_relu:0.2"));
        Assert.Equal(0.01, Assert.IsType<LeakyRelu>(Activation.Parse("leaky_relu")).Alpha);
    }
}
