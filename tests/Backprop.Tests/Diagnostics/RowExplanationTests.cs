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

    // Row 7 explained with its target through a network trained with that activation and loss, beside the engine's gradients for it.
    private static (RowExplanation Row, Dictionary<string, double[]> Engine) ExplainedRow7(string activation, string lossName, bool batchNorm)
    {
        var loss = Loss.Parse(lossName);
        bool regression = !loss.IsClassification;
        var network = Trained(activation, loss, regression, batchNorm: batchNorm);
        var raw = Row(7, regression);
        double target = Data(regression).Y[7];
        if (loss is BinaryCrossEntropy) target = target == 2 ? 1 : 0;
        return (RowExplanation.Run(network, raw, [target]), EngineGradients(network, raw, target));
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
        var (row, engine) = ExplainedRow7(activation, lossName, batchNorm: false);
        var step = Assert.IsType<StepExplanation>(row.Step);
        Assert.Equal(2 + 1, step.Layers.Count);
        foreach (var l in step.Layers)
        {
            AssertClose(engine[$"layer{l.Index}.w"], l.DW.ToArray());
            AssertClose(engine[$"layer{l.Index}.b"], l.DB.ToArray());
        }
        Assert.True(step.Hand!.MaxDifference < 1e-12, $"autodiff - hand = {step.Hand!.MaxDifference}");
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

    [Theory]
    [InlineData("relu", "softmax_ce")]
    [InlineData("tanh", "mse_mean")]
    [InlineData("sigmoid", "bce_logits")]
    public void BatchNormGradientsAreTheEnginesForThatRowAlone(string activation, string lossName)
    {
        var (row, engine) = ExplainedRow7(activation, lossName, batchNorm: true);
        var step = Assert.IsType<StepExplanation>(row.Step);
        var explained = new Dictionary<string, double[]>();
        foreach (var l in step.Layers)
        {
            explained[$"layer{l.Index}.w"] = l.DW.ToArray();
            explained[$"layer{l.Index}.b"] = l.DB.ToArray();
            if (l.Norm is { } norm)
            {
                explained[$"layer{norm.Index}.weight"] = norm.DGamma!.ToArray();
                explained[$"layer{norm.Index}.bias"] = norm.DBeta!.ToArray();
            }
        }
        Assert.Equal(engine.Keys.Order(), explained.Keys.Order()); // layer1.w, layer1.b, layer2.weight, layer2.bias, layer3.w, ... as the model names them
        Assert.Contains("layer4.weight", explained.Keys);
        foreach (var (name, g) in engine) AssertClose(g, explained[name]);
        Assert.True(step.Hand!.MaxDifference < 1e-12, $"autodiff - hand = {step.Hand!.MaxDifference}");
        Assert.Contains(engine["layer2.weight"], g => g != 0);
        // the hand formulas for the batch norm's own gradients, from the values shown: dγ = dY ⊙ x̂, dβ = dY, dZ = dY ⊙ γ/√(var + ε)
        foreach (var l in step.Layers.Where(l => l.Norm is not null))
            for (int j = 0; j < l.Norm!.Norm.Features; j++)
            {
                Assert.Equal(l.Norm.DY![0, j] * l.Norm.XHat[0, j], l.Norm.DGamma![j], 1e-12);
                Assert.Equal(l.Norm.DY[0, j], l.Norm.DBeta![j], 1e-12);
                Assert.Equal(l.Norm.DY[0, j] * l.Norm.Slope[j], l.DZ[0, j], 1e-12);
            }
    }

    [Fact]
    public void BatchNormForwardIsTheHandFormulaWithTheRunningStatistics()
    {
        var network = Trained("relu", new CrossEntropy(), batchNorm: true);
        var raw = Row(3);
        var row = RowExplanation.Run(network, raw, null);
        var modules = network.Model.Layers.OfType<BatchNorm1d<double>>().ToList();
        var norms = row.Forward.Select(l => l.Norm).OfType<BatchNormStep>().ToList();
        Assert.Equal(2, norms.Count);
        Assert.Equal([2, 4], norms.Select(n => n.Index));
        for (int k = 0; k < 2; k++)
        {
            var (m, n, z) = (modules[k], norms[k], row.Forward[k].Z);
            Assert.Contains(m.RunningMean.ToArray(), v => Math.Abs(v) > 1e-3); // trained: not the starting 0 and 1
            Assert.Contains(m.RunningVar.ToArray(), v => Math.Abs(v - 1) > 1e-3);
            for (int j = 0; j < m.Features; j++)
            {
                double root = Math.Sqrt(m.RunningVar[j] + m.Eps), xhat = (z[0, j] - m.RunningMean[j]) / root;
                Assert.Equal(xhat, n.XHat[0, j], 1e-12);
                Assert.Equal(m.Weight[j] * xhat + m.Bias[j], n.Y[0, j], 1e-12);
                Assert.Equal(m.Weight[j] / root, n.Slope[j], 1e-12);
                Assert.Equal(Math.Max(0, n.Y[0, j]), row.Forward[k].A[0, j], 1e-12); // relu reads the batch norm's output
            }
        }
        var probabilities = network.Predict(Tensor<double>.FromArray(raw, 1, 3));
        for (int c = 0; c < 3; c++) Assert.Equal(probabilities[0, c], row.Output[0, c], 12);
    }

    [Theory]
    [InlineData("layer1.w[2,1]", 3 * 3)] // z1[1] → z2[1] (batch norm) → a2[1] → 3 units of layer 3 → their batch norm → each of 3 outputs
    [InlineData("layer2.weight[1]", 3 * 3)]
    [InlineData("layer4.bias[0]", 3)]
    [InlineData("layer3.w[0,2]", 3)]
    public void PathsThroughBatchNormSumToTheGradient(string parameter, int count)
    {
        var network = Trained("tanh", new CrossEntropy(), batchNorm: true);
        var raw = Row(5);
        var row = RowExplanation.Run(network, raw, [Data(false).Y[5]]);
        var engine = EngineGradients(network, raw, Data(false).Y[5]);
        var paths = row.Paths(parameter);
        Assert.Equal(count, paths.Paths.Count);
        var m = System.Text.RegularExpressions.Regex.Match(parameter, @"^(layer\d+\.\w+)\[(\d+)(?:,(\d+))?\]$");
        var g = engine[m.Groups[1].Value];
        int at = m.Groups[3].Success ? int.Parse(m.Groups[2].Value) * (g.Length / (parameter.StartsWith("layer1", StringComparison.Ordinal) ? 3 : 4)) + int.Parse(m.Groups[3].Value) : int.Parse(m.Groups[2].Value);
        Assert.Equal(g[at], paths.Sum, 1e-12);
        Assert.Equal(g[at], paths.Autodiff, 1e-12);
        Assert.NotEqual(0, paths.Sum);
        var bn = network.Model.Layers.OfType<BatchNorm1d<double>>().ToList();
        foreach (var factor in paths.Paths.SelectMany(p => p.Factors).Where(f => f.Label.Contains('√')))
        {
            var f = System.Text.RegularExpressions.Regex.Match(factor.Label, @"^∂z(\d)\[(\d)\]/∂z\d\[\d\] = γ\d\[\d\]/√\(var\d\[\d\] \+ ε\)$");
            Assert.True(f.Success, factor.Label);
            var norm = bn[f.Groups[1].Value == "2" ? 0 : 1];
            int j = int.Parse(f.Groups[2].Value);
            Assert.Equal(norm.Weight[j] / Math.Sqrt(norm.RunningVar[j] + norm.Eps), factor.Value, 1e-12);
        }
        Assert.Contains(paths.Paths[0].Factors, f => f.Label.Contains('√') || parameter.StartsWith("layer4", StringComparison.Ordinal));
    }

    [Fact]
    public void BatchNormParametersAreNamedAsTheModelNamesThem()
    {
        var network = Trained("relu", new CrossEntropy(), batchNorm: true);
        var row = RowExplanation.Run(network, Row(1), [1]);
        var e = Assert.Throws<BackpropException>(() => row.Paths("layer2.w[0,0]"));
        Assert.Contains("layer 2 has no w", e.Message);
        Assert.Contains("layer1.w[0..2,0..3], layer1.b[0..3], layer2.weight[0..3], layer2.bias[0..3], layer3.w[0..3,0..2]", e.Message);
        Assert.Contains("layer 1 has no weight", Assert.Throws<BackpropException>(() => row.Paths("layer1.weight[0]")).Message);
        Assert.Contains("unit 4 is out of range; layer2 has 4 features", Assert.Throws<BackpropException>(() => row.Paths("layer2.bias[4]")).Message);
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
