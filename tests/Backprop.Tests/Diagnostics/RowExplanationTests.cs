using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Tests.Diagnostics;

/// <summary>One row through a trained network: every number against the engine's own forward and backward on a batch of that one row.</summary>
public class RowExplanationTests
{
    // 40 rows of 3 features (not centred, so the scaler matters); targets: 3 classes, or a value in units around 50.
    private static Dataset<double> Data(bool regression)
    {
        var rng = new Rng(11);
        var x = Tensor<double>.Zeros(40, 3);
        var y = Tensor<double>.Zeros(40);
        for (int r = 0; r < 40; r++)
        {
            for (int j = 0; j < 3; j++) x[r, j] = 10 * j + 5 * rng.Uniform(-1, 1);
            double s = x[r, 0] - 0.2 * x[r, 1] + 0.1 * x[r, 2];
            y[r] = regression ? 50 + 8 * s : s < -1.5 ? 0 : s < 1.5 ? 1 : 2;
        }
        return new Dataset<double>(x, y, regression ? 0 : 3);
    }

    private static Network<double> Trained(string activation, Loss loss, bool regression = false, IReadOnlyList<double>? dropout = null, bool batchNorm = false)
    {
        var data = Data(regression);
        if (loss is BinaryCrossEntropy) data = new Dataset<double>(data.X, Tensor<double>.FromArray([.. data.Y.ToArray().Select(v => v == 2 ? 1.0 : 0)]), 2);
        var network = Network<double>.For(data, [4, 3], Activation.Parse(activation), loss, seed: 5, dropout: dropout, batchNorm: batchNorm);
        network.Fit(data, new TrainOptions { Epochs = 3, BatchSize = 8, Seed = 2 });
        return network;
    }

    // The engine's gradient of every parameter for the one row: the network's own modules in evaluation mode, its loss, Backward().
    private static Dictionary<string, double[]> EngineGradients(Network<double> network, double[] raw, double target)
    {
        network.Model.Train(false);
        network.Model.ZeroGrad();
        var x = network.Scaler!.Transform(Tensor<double>.FromArray(raw, 1, raw.Length));
        var y = network.Loss is CrossEntropy ? Tensor<double>.FromArray([target])
            : network.TargetScaler?.Transform(Tensor<double>.FromArray([target], 1, 1)) ?? Tensor<double>.FromArray([target], 1, 1);
        network.Loss.Compute(network.Model.Forward(x), y).Backward();
        var grads = network.Model.NamedParameters().ToDictionary(p => p.Name, p => p.Value.Grad!.ToArray());
        network.Model.ZeroGrad();
        return grads;
    }

    private static double[] Row(int r, bool regression = false) => [.. Enumerable.Range(0, 3).Select(j => Data(regression).X[r, j])];

    [Theory]
    [InlineData("relu", "softmax_ce")]
    [InlineData("gelu", "softmax_ce")]
    [InlineData("gelu_tanh", "bce_logits")]
    [InlineData("silu", "mse_mean")]
    [InlineData("elu", "mse_half")]
    [InlineData("softplus", "softmax_ce")]
    [InlineData("leaky_relu:0.1", "bce_logits")]
    [InlineData("tanh", "mse_mean")]
    [InlineData("sigmoid", "softmax_ce")]
    public void EveryGradientIsTheEnginesForThatRowAlone(string activation, string lossName)
    {
        var loss = Loss.Parse(lossName);
        bool regression = !loss.IsClassification;
        var network = Trained(activation, loss, regression);
        var raw = Row(7, regression);
        double target = Data(regression).Y[7];
        if (loss is BinaryCrossEntropy) target = target == 2 ? 1 : 0;
        var row = RowExplanation.Run(network, raw, [target]);
        var engine = EngineGradients(network, raw, target);
        var step = Assert.IsType<StepExplanation>(row.Step);
        Assert.Equal(2 + 1, step.Layers.Count);
        foreach (var l in step.Layers)
        {
            AssertClose(engine[$"layer{l.Index}.w"], l.DW.ToArray());
            AssertClose(engine[$"layer{l.Index}.b"], l.DB.ToArray());
        }
        Assert.True(step.Hand.MaxDifference < 1e-12, $"autodiff - hand = {step.Hand.MaxDifference}");
        Assert.Contains(step.Layers.SelectMany(l => l.DW.ToArray()), g => g != 0); // a test of zeros would prove nothing
    }

    [Theory]
    [InlineData("gelu")]
    [InlineData("gelu_tanh")]
    [InlineData("silu")]
    [InlineData("elu")]
    [InlineData("softplus")]
    [InlineData("leaky_relu:0.1")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void EachLocalDerivativeIsAutodiffsAndMatchesTheFormulaAndFiniteDifferences(string name)
    {
        var network = Trained(name, new CrossEntropy());
        var row = RowExplanation.Run(network, Row(3), null);
        var activation = (ElementwiseActivation)Activation.Parse(name);
        for (int i = 0; i < row.Forward.Count - 1; i++)
        {
            var z = row.Forward[i].Z;
            var slope = Assert.IsType<Tensor<double>>(row.Slopes[i]);
            for (int j = 0; j < z.Length; j++)
            {
                double at = z.Span[j], h = 1e-6;
                double f(double v) { var t = Tensor<double>.FromArray([v]); return new ActivationLayer<double>(activation).Forward(t).Span[0]; }
                Assert.Equal((f(at + h) - f(at - h)) / (2 * h), slope.Span[j], 1e-6);
                Assert.Equal(activation.Derivative(at, row.Forward[i].A.Span[j]), slope.Span[j], 1e-12);
            }
        }
        Assert.Null(row.Slopes[^1]); // softmax inside the loss: no elementwise slope
    }

    [Fact]
    public void PathsSumToTheGradient()
    {
        var network = Trained("tanh", new CrossEntropy());
        var raw = Row(5);
        var row = RowExplanation.Run(network, raw, [Data(false).Y[5]]);
        var engine = EngineGradients(network, raw, Data(false).Y[5]);
        var paths = row.Paths("layer1.w[2,1]");
        Assert.Equal(3 * 3, paths.Paths.Count); // through z1[1] → a1[1] → 3 units of layer 2 → each of 3 outputs of layer 3
        Assert.Equal(engine["layer1.w"][2 * 4 + 1], paths.Sum, 1e-12);
        Assert.NotEqual(0, paths.Sum);
    }

    [Fact]
    public void RegressionShowsScaledAndTargetUnits()
    {
        var network = Trained("tanh", new MeanSquaredError(), regression: true);
        var raw = Row(9, regression: true);
        double target = Data(true).Y[9];
        var row = RowExplanation.Run(network, raw, [target]);
        var t = network.TargetScaler!;
        Assert.Equal((target - t.Offsets[0]) / t.Scales[0], row.Target!.Scaled[0], 12);
        Assert.Equal(target, row.Target.Raw[0]);
        Assert.Equal(network.Predict(Tensor<double>.FromArray(raw, 1, 3))[0, 0], row.OutputInTargetUnits![0, 0], 10);
        Assert.Equal(row.Output[0, 0] * t.Scales[0] + t.Offsets[0], row.OutputInTargetUnits[0, 0], 10);
        var s = network.Scaler!;
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(raw[j], row.RawFeatures[j]);
            Assert.Equal((raw[j] - s.Offsets[j]) / s.Scales[j], row.ScaledFeatures[j], 12);
        }
    }

    [Fact]
    public void WithoutATargetOnlyTheForwardPassRuns()
    {
        var network = Trained("relu", new CrossEntropy());
        var raw = Row(2);
        var row = RowExplanation.Run(network, raw);
        Assert.Null(row.Step);
        Assert.Null(row.Target);
        var probabilities = network.Predict(Tensor<double>.FromArray(raw, 1, 3));
        for (int k = 0; k < 3; k++) Assert.Equal(probabilities[0, k], row.Output[0, k], 12);
        Assert.Equal(network.PredictClasses(Tensor<double>.FromArray(raw, 1, 3))[0], row.PredictedClass);
        var e = Assert.Throws<BackpropException>(() => row.Paths("layer1.w[0,0]"));
        Assert.Contains("needs the row's target", e.Message);
    }

    [Fact]
    public void DropoutIsTheIdentityAtEvaluationAndSaidSo()
    {
        var network = Trained("relu", new CrossEntropy(), dropout: [0.5]);
        var raw = Row(4);
        var row = RowExplanation.Run(network, raw, [Data(false).Y[4]]);
        Assert.Contains(row.Notes, n => n.Contains("identity at evaluation", StringComparison.Ordinal));
        var engine = EngineGradients(network, raw, Data(false).Y[4]);
        foreach (var l in row.Step!.Layers) AssertClose(engine[$"layer{l.Index}.w"], l.DW.ToArray());
    }

    [Fact]
    public void BatchNormIsRefusedNamingTheLayer()
    {
        var network = Trained("relu", new CrossEntropy(), batchNorm: true);
        var e = Assert.Throws<BackpropException>(() => RowExplanation.Run(network, Row(0), [0]));
        Assert.Contains("layer2 (BatchNorm1d(4)", e.Message);
        Assert.Contains("batch normalisation", e.Message);
    }

    [Fact]
    public void BadRowsAndTargetsAreRefused()
    {
        var network = Trained("relu", new CrossEntropy());
        Assert.Contains("the row has 2 features; the network takes 3", Assert.Throws<BackpropException>(() => RowExplanation.Run(network, [1.0, 2])).Message);
        Assert.Contains("one class index in 0..2", Assert.Throws<BackpropException>(() => RowExplanation.Run(network, [1.0, 2, 3], [3])).Message);
        var row = RowExplanation.Run(network, [1.0, 2, 3], [1]);
        var e = Assert.Throws<BackpropException>(() => row.Paths("w1"));
        Assert.Contains("layer1.w[0..2,0..3], layer1.b[0..3], layer2.w[0..3,0..2]", e.Message);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * (1 + Math.Abs(expected[i])), $"[{i}]: engine {expected[i]}, explained {actual[i]}");
    }
}
