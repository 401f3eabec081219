using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>Logistic regression (one Dense unit, identity output, BCE on logits): dL/dw = mean over the batch of (ŷ - y)·x, dL/db = mean(ŷ - y).</summary>
public class LogisticRegressionGradientTests
{
    private const int N = 7, D = 4;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientIsPredictionErrorTimesInputAveraged(bool labelsAsColumn)
    {
        var layer = new Dense<double>(TestData.Normal(1, 0.8, D, 1), Tensor.From(0.3));
        var x = TestData.Normal(2, 1, N, D);
        double[] labels = [1, 0, 0, 1, 1, 0, 1];
        var y = labelsAsColumn ? Tensor<double>.FromArray(labels, N, 1) : Tensor<double>.FromArray(labels);

        var loss = new BinaryCrossEntropy().Compute(layer.Forward(x), y);
        loss.Backward();

        var dw = new double[D];
        double db = 0, expectedLoss = 0;
        for (int n = 0; n < N; n++)
        {
            double z = layer.B[0];
            for (int i = 0; i < D; i++) z += x[n, i] * layer.W[i, 0];
            double yHat = 1 / (1 + Math.Exp(-z));
            expectedLoss -= labels[n] * Math.Log(yHat) + (1 - labels[n]) * Math.Log(1 - yHat);
            for (int i = 0; i < D; i++) dw[i] += (yHat - labels[n]) * x[n, i] / N;
            db += (yHat - labels[n]) / N;
        }
        expectedLoss /= N;

        TestData.AssertClose(expectedLoss, loss.Item, 1e-12, "loss");
        TestData.AssertClose(dw, layer.W.Grad!.ToArray(), 1e-12, "dL/dw");
        TestData.AssertClose(db, layer.B.Grad!.Item, 1e-12, "dL/db");
    }
}
