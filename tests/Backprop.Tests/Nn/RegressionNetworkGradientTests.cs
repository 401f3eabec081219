using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>
/// A regression network (Dense sigmoid hidden, Dense identity output, ½Σ(O - Y)² averaged over the batch):
/// the library's gradients against dO = (O - Y)/N and the tutorials' backward pass in plain loops.
/// </summary>
public class RegressionNetworkGradientTests
{
    private const int N = 6, D = 3, H = 5, K = 2;
    private const double Tolerance = 1e-12;

    [Fact]
    public void HalfSquaredErrorGivesTheTutorialGradients()
    {
        var model = Mlp.Create<double>([D, H, K], Activation.Sigmoid, seed: 99);
        var hidden = (Dense<double>)model.Layers[0];
        var output = (Dense<double>)model.Layers[1];
        TestData.Normal(1, 0.5, H).Span.CopyTo(hidden.B.Span);
        TestData.Normal(2, 0.5, K).Span.CopyTo(output.B.Span);
        var xT = TestData.Normal(3, 1, N, D);
        var yT = TestData.Normal(4, 1, N, K);

        var loss = new HalfSquaredError().Compute(model.Forward(xT), yT);
        loss.Backward();

        // By hand
        double[] x = xT.ToArray(), y = yT.ToArray(), w1 = hidden.W.ToArray(), b1 = hidden.B.ToArray(), w2 = output.W.ToArray(), b2 = output.B.ToArray();
        var a1 = new double[N * H];
        for (int n = 0; n < N; n++)
            for (int j = 0; j < H; j++)
            {
                double z = b1[j];
                for (int i = 0; i < D; i++) z += x[n * D + i] * w1[i * H + j];
                a1[n * H + j] = 1 / (1 + Math.Exp(-z));
            }
        var o = new double[N * K];
        double expectedLoss = 0;
        for (int n = 0; n < N; n++)
            for (int k = 0; k < K; k++)
            {
                double v = b2[k];
                for (int j = 0; j < H; j++) v += a1[n * H + j] * w2[j * K + k];
                o[n * K + k] = v;
                expectedLoss += 0.5 * (v - y[n * K + k]) * (v - y[n * K + k]);
            }
        expectedLoss /= N;

        var dO = new double[N * K];
        for (int i = 0; i < N * K; i++) dO[i] = (o[i] - y[i]) / N;
        var dW2 = new double[H * K];
        var db2 = new double[K];
        for (int n = 0; n < N; n++)
            for (int k = 0; k < K; k++)
            {
                db2[k] += dO[n * K + k];
                for (int j = 0; j < H; j++) dW2[j * K + k] += a1[n * H + j] * dO[n * K + k];
            }
        var dW1 = new double[D * H];
        var db1 = new double[H];
        for (int n = 0; n < N; n++)
            for (int j = 0; j < H; j++)
            {
                double dA1 = 0;
                for (int k = 0; k < K; k++) dA1 += dO[n * K + k] * w2[j * K + k];
                double dZ1 = dA1 * a1[n * H + j] * (1 - a1[n * H + j]);
                db1[j] += dZ1;
                for (int i = 0; i < D; i++) dW1[i * H + j] += x[n * D + i] * dZ1;
            }

        TestData.AssertClose(expectedLoss, loss.Item, Tolerance, "loss");
        TestData.AssertClose(dW1, hidden.W.Grad!.ToArray(), Tolerance, "dW1");
        TestData.AssertClose(db1, hidden.B.Grad!.ToArray(), Tolerance, "db1");
        TestData.AssertClose(dW2, output.W.Grad!.ToArray(), Tolerance, "dW2");
        TestData.AssertClose(db2, output.B.Grad!.ToArray(), Tolerance, "db2");
    }

    [Fact]
    public void OutputGradientIsTheErrorOverTheBatchSize()
    {
        var o = TestData.Normal(5, 1, 4, 3);
        o.RequiresGrad = true;
        var y = TestData.Normal(6, 1, 4, 3);
        new HalfSquaredError().Compute(o, y).Backward();
        TestData.AssertClose(o.ToArray().Zip(y.ToArray(), (a, b) => (a - b) / 4).ToArray(), o.Grad!.ToArray(), 1e-15, "dL/dO");

        // MeanSquaredError divides by every element and doubles: 2(O - Y)/(N·K).
        o.ZeroGrad();
        new MeanSquaredError().Compute(o, y).Backward();
        TestData.AssertClose(o.ToArray().Zip(y.ToArray(), (a, b) => 2 * (a - b) / 12).ToArray(), o.Grad!.ToArray(), 1e-15, "dMSE/dO");
    }
}
