using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>Backward of the fused losses with respect to the network output, against finite differences.</summary>
public class LossGradientTests
{
    public static TheoryData<int, int> Shapes() => new() { { 1, 1 }, { 1, 7 }, { 5, 3 }, { 3, 1 }, { 4, 6 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CrossEntropyWithClassIndices(int n, int classes)
    {
        var logits = TestData.Normal(TestData.Seed(n, classes, 1), 1.5, n, classes);
        var labels = TestData.Labels(TestData.Seed(n, classes, 2), n, classes);
        // With one class every label is 0 and the loss is constantly 0.
        GradCheck.Check($"cross-entropy [{n}, {classes}] with indices", z => new CrossEntropy().Compute(z, labels), logits, allowZeroGradient: classes == 1);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CrossEntropyWithProbabilityTargets(int n, int classes)
    {
        var logits = TestData.Normal(TestData.Seed(n, classes, 3), 1.5, n, classes);
        var targets = TestData.Probabilities(TestData.Seed(n, classes, 4), n, classes);
        GradCheck.Check($"cross-entropy [{n}, {classes}] with probabilities", z => new CrossEntropy().Compute(z, targets), logits, allowZeroGradient: classes == 1);
    }

    [Fact]
    public void CrossEntropyWithTargetsThatDoNotSumToOneIsRejectedOrDifferentiatedCorrectly()
    {
        // -Σ t·log softmax(z) has gradient softmax(z)·Σt - t, which is (P - T) only when every row of T sums to 1.
        // A library may refuse such targets, but it must not return a wrong gradient.
        var logits = TestData.Normal(31, 1, 3, 4);
        var targets = Tensor.From(new double[,] { { 1, 1, 0, 0 }, { 0.5, 0, 0, 0 }, { 0, 0, 0, 0 } });
        try
        {
            new CrossEntropy().Compute(logits.Clone(), targets);
        }
        catch (ArgumentException)
        {
            return;
        }
        GradCheck.Check("cross-entropy with targets that do not sum to 1", z => new CrossEntropy().Compute(z, targets), logits);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BinaryCrossEntropyWithSoftTargets(int n, int outputs)
    {
        var logits = TestData.Normal(TestData.Seed(n, outputs, 5), 2, n, outputs);
        var targets = TestData.Uniform(TestData.Seed(n, outputs, 6), 0, 1, n, outputs);
        GradCheck.Check($"BCE [{n}, {outputs}]", z => new BinaryCrossEntropy().Compute(z, targets), logits);
    }

    [Fact]
    public void BinaryCrossEntropyWithLabelsForOneOutputColumn()
    {
        var logits = TestData.Normal(7, 2, 6, 1);
        var labels = Tensor.From(0.0, 1, 1, 0, 1, 0);
        GradCheck.Check("BCE [6, 1] with labels [6]", z => new BinaryCrossEntropy().Compute(z, labels), logits);
    }

    [Fact]
    public void BinaryCrossEntropyWithLargeLogits()
    {
        var logits = Tensor<double>.FromArray([50, -50, 50, -50, 30, -40], 6, 1);
        var labels = Tensor.From(0.0, 1, 1, 0, 0, 1);
        GradCheck.Check("BCE with |z| up to 50", z => new BinaryCrossEntropy().Compute(z, labels), logits);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void HalfSquaredError(int n, int outputs)
    {
        var output = TestData.Normal(TestData.Seed(n, outputs, 7), 1, n, outputs);
        var target = TestData.Normal(TestData.Seed(n, outputs, 8), 1, n, outputs);
        GradCheck.Check($"half squared error [{n}, {outputs}]", o => new HalfSquaredError().Compute(o, target), output);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MeanSquaredError(int n, int outputs)
    {
        var output = TestData.Normal(TestData.Seed(n, outputs, 9), 1, n, outputs);
        var target = TestData.Normal(TestData.Seed(n, outputs, 10), 1, n, outputs);
        GradCheck.Check($"mean squared error [{n}, {outputs}]", o => new MeanSquaredError().Compute(o, target), output);
    }

    [Fact]
    public void SquaredErrorsAcceptAColumnOutputWithARank1Target()
    {
        var output = TestData.Normal(11, 1, 5, 1);
        var target = TestData.Normal(12, 1, 5);
        GradCheck.Check("half squared error [5, 1] vs [5]", o => new HalfSquaredError().Compute(o, target), output);
        GradCheck.Check("mean squared error [5, 1] vs [5]", o => new MeanSquaredError().Compute(o, target), output);
    }

    [Fact]
    public void LossesComposeWithTheNetworkBelowThem()
    {
        // Gradient flows through the loss into a Dense layer's parameters.
        var x = TestData.Normal(13, 1, 4, 3);
        var labels = TestData.Labels(14, 4, 2);
        var w = TestData.Normal(15, 1, 3, 2);
        var b = TestData.Normal(16, 1, 2);
        GradCheck.Check("CE(Dense(x))", xs => new CrossEntropy().Compute(new Dense<double>(xs[0], xs[1], Activation.Tanh).Forward(x), labels), [w, b]);
        GradCheck.Check("BCE(Dense(x))", xs => new BinaryCrossEntropy().Compute(new Dense<double>(xs[0], xs[1]).Forward(x), Tensor<double>.Ones(4, 2)), [w, b]);
    }
}
