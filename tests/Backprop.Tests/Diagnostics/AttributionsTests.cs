using Backprop.Data;
using Backprop.Diagnostics;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Tests.Data;

namespace Backprop.Tests.Diagnostics;

public class AttributionsTests
{
    private static Network<double> Wine(Activation activation, Loss? loss = null, Dataset<double>? data = null)
    {
        data ??= Csv.Load(RepoData.Path("wine/wine.data"), new CsvOptions { Target = "0" }).Data;
        var net = Network<double>.For(data, [12, 8], activation, loss, optimizer: new Backprop.Optim.AdamOptions { LearningRate = 0.01 }, seed: 4);
        net.Fit(data, new TrainOptions { Epochs = 10, Seed = 4 });
        return net;
    }

    private static double[] Row(Dataset<double> data, int r) => [.. Enumerable.Range(0, data.Features).Select(j => data.X[r, j])];

    [Fact]
    public void IntegratedGradientsAddUpToTheOutputMinusTheBaselines()
    {
        var data = Csv.Load(RepoData.Path("wine/wine.data"), new CsvOptions { Target = "0" }).Data;
        var net = Wine(Activation.Tanh, data: data);
        foreach (int r in new[] { 0, 70, 150 })
        {
            var a = Attributions.Explain(net, Row(data, r), steps: 1024);
            var coarse = Attributions.Explain(net, Row(data, r), steps: 64);
            // f(x) − f(x₀) from the network itself, not from the attribution's own path
            double fx = net.Predict(Tensor<double>.FromArray(Row(data, r), 1, 13)).Span[Classes(net, data, r)];
            double f0 = net.Predict(net.Scaler!.InverseTransform(new Tensor<double>(new Shape(1, 13)))).Span[Classes(net, data, r)];
            Assert.Equal(fx, a.Value, 10);
            Assert.Equal(f0, a.BaselineValue, 10);
            Assert.True(Math.Abs(fx - f0) > 0.05, $"row {r}: f(x) − f(x₀) = {fx - f0} is too small to test");
            Assert.True(Math.Abs(a.Columns.Sum(c => c.IntegratedGradients) - (fx - f0)) < 1e-5, $"row {r}: Σ IG {a.Columns.Sum(c => c.IntegratedGradients)}, f(x) − f(x₀) {fx - f0}");
            Assert.Equal(13, a.Columns.Count);
            Assert.True(Math.Abs(a.CompletenessGap) <= Math.Abs(coarse.CompletenessGap) / 50 + 1e-12, $"row {r}: gap {a.CompletenessGap} at 1024 steps, {coarse.CompletenessGap} at 64"); // the trapezoid rule's h²
        }
    }

    private static int Classes(Network<double> net, Dataset<double> data, int r) => net.PredictClasses(Tensor<double>.FromArray(Row(data, r), 1, 13))[0];

    [Fact]
    public void ReluNetworksAndSigmoidOutputsComplete()
    {
        var data = Csv.Load(RepoData.Path("wine/wine.data"), new CsvOptions { Target = "0" }).Data;
        var relu = Wine(Activation.Relu, data: data);
        var a = Attributions.Explain(relu, Row(data, 100));
        Assert.True(Math.Abs(a.CompletenessGap) < 0.01 * Math.Abs(a.Value - a.BaselineValue) + 1e-4, $"gap {a.CompletenessGap} of {a.Value - a.BaselineValue}");
        var binary = new Dataset<double>(data.X, Tensor<double>.FromArray([.. data.Y.ToArray().Select(v => v == 1 ? 1.0 : 0)], data.Count), 2);
        var sigmoid = Wine(Activation.Tanh, new BinaryCrossEntropy(), binary);
        foreach (int output in new[] { 0, 1 })
        {
            var b = Attributions.Explain(sigmoid, Row(data, 5), output: output, steps: 1024);
            Assert.True(Math.Abs(b.CompletenessGap) < 1e-5, $"p(class {output}): gap {b.CompletenessGap}");
            Assert.Equal(output == 1 ? sigmoid.Predict(Tensor<double>.FromArray(Row(data, 5), 1, 13)).Span[0] : 1 - sigmoid.Predict(Tensor<double>.FromArray(Row(data, 5), 1, 13)).Span[0], b.Value, 10);
        }
    }

    [Fact]
    public void ALinearRegressionsAttributionsAreItsTermsInTargetUnits()
    {
        // y = 3·x1 − 2·x2 + 1 exactly; a model with no hidden layer learns it, and both methods give w_i·(x_i − mean_i)
        var rng = new Rng(2);
        int n = 200;
        var x = new double[n * 2];
        var y = new double[n];
        for (int i = 0; i < n; i++) { x[2 * i] = rng.NextDouble() * 4; x[2 * i + 1] = rng.NextDouble() - 5; y[i] = 3 * x[2 * i] - 2 * x[2 * i + 1] + 1; }
        var data = new Dataset<double>(Tensor<double>.FromArray(x, n, 2), Tensor<double>.FromArray(y, n));
        var net = Network<double>.For(data, [], optimizer: new Backprop.Optim.AdamOptions { LearningRate = 0.05 }, seed: 1);
        net.Fit(data, new TrainOptions { Epochs = 300, Seed = 1 });
        var a = Attributions.Explain(net, [2.0, -4.0], steps: 8);
        double[] mean = [x.Where((_, i) => i % 2 == 0).Average(), x.Where((_, i) => i % 2 == 1).Average()];
        Assert.Equal(3 * (2 - mean[0]), a.Columns[0].IntegratedGradients, 2);
        Assert.Equal(-2 * (-4 - mean[1]), a.Columns[1].IntegratedGradients, 2);
        Assert.Equal(a.Columns[0].IntegratedGradients, a.Columns[0].GradientTimesInput, 8); // linear: the same
        Assert.Equal(mean[0], a.Baseline[0], 8);
        Assert.Equal(mean[1], a.Baseline[1], 8);
    }
}
