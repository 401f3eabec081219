using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>
/// A 2-layer classifier (Dense sigmoid hidden, Dense identity output, softmax cross-entropy): the library's gradients
/// against the tutorials' formulas written out in plain loops:
/// dZ2 = (P - Y)/N, dW2 = A1ᵀ·dZ2, db2 = Σ dZ2, dA1 = dZ2·W2ᵀ, dZ1 = dA1 ⊙ A1 ⊙ (1 - A1), dW1 = Xᵀ·dZ1, db1 = Σ dZ1.
/// </summary>
public class TwoLayerClassifierGradientTests
{
    private const int N = 5, D = 4, H = 6, C = 3;
    private const double Tolerance = 1e-12;

    private sealed record Expected(double Loss, double[,] DW1, double[] Db1, double[,] DW2, double[] Db2);

    /// <summary>The tutorials' forward and backward pass, in loops over double arrays.</summary>
    private static Expected ByHand(double[,] x, double[,] y, double[,] w1, double[] b1, double[,] w2, double[] b2)
    {
        // Forward: Z1 = X·W1 + b1, A1 = σ(Z1), Z2 = A1·W2 + b2, P = softmax(Z2)
        var a1 = new double[N, H];
        for (int n = 0; n < N; n++)
            for (int j = 0; j < H; j++)
            {
                double z = b1[j];
                for (int i = 0; i < D; i++) z += x[n, i] * w1[i, j];
                a1[n, j] = 1 / (1 + Math.Exp(-z));
            }
        var p = new double[N, C];
        double loss = 0;
        for (int n = 0; n < N; n++)
        {
            var z2 = new double[C];
            double max = double.NegativeInfinity;
            for (int k = 0; k < C; k++)
            {
                z2[k] = b2[k];
                for (int j = 0; j < H; j++) z2[k] += a1[n, j] * w2[j, k];
                max = Math.Max(max, z2[k]);
            }
            double s = 0;
            for (int k = 0; k < C; k++) s += Math.Exp(z2[k] - max);
            for (int k = 0; k < C; k++)
            {
                p[n, k] = Math.Exp(z2[k] - max) / s;
                loss -= y[n, k] * Math.Log(p[n, k]);
            }
        }
        loss /= N;

        // Backward
        var dz2 = new double[N, C];
        for (int n = 0; n < N; n++)
            for (int k = 0; k < C; k++) dz2[n, k] = (p[n, k] - y[n, k]) / N;
        var dw2 = new double[H, C];
        for (int j = 0; j < H; j++)
            for (int k = 0; k < C; k++)
                for (int n = 0; n < N; n++) dw2[j, k] += a1[n, j] * dz2[n, k];
        var db2 = new double[C];
        for (int n = 0; n < N; n++)
            for (int k = 0; k < C; k++) db2[k] += dz2[n, k];
        var dz1 = new double[N, H];
        for (int n = 0; n < N; n++)
            for (int j = 0; j < H; j++)
            {
                double da1 = 0;
                for (int k = 0; k < C; k++) da1 += dz2[n, k] * w2[j, k];
                dz1[n, j] = da1 * a1[n, j] * (1 - a1[n, j]);
            }
        var dw1 = new double[D, H];
        for (int i = 0; i < D; i++)
            for (int j = 0; j < H; j++)
                for (int n = 0; n < N; n++) dw1[i, j] += x[n, i] * dz1[n, j];
        var db1 = new double[H];
        for (int n = 0; n < N; n++)
            for (int j = 0; j < H; j++) db1[j] += dz1[n, j];
        return new Expected(loss, dw1, db1, dw2, db2);
    }

    private static double[,] ToArray2D(Tensor<double> t)
    {
        var a = new double[t.Shape[0], t.Shape[1]];
        for (int i = 0; i < t.Shape[0]; i++)
            for (int j = 0; j < t.Shape[1]; j++) a[i, j] = t[i, j];
        return a;
    }

    private static void AssertGradients(Expected expected, double loss, Dense<double> hidden, Dense<double> output)
    {
        TestData.AssertClose(expected.Loss, loss, Tolerance, "loss");
        TestData.AssertClose(expected.DW1.Cast<double>().ToArray(), hidden.W.Grad!.ToArray(), Tolerance, "dW1");
        TestData.AssertClose(expected.Db1, hidden.B.Grad!.ToArray(), Tolerance, "db1");
        TestData.AssertClose(expected.DW2.Cast<double>().ToArray(), output.W.Grad!.ToArray(), Tolerance, "dW2");
        TestData.AssertClose(expected.Db2, output.B.Grad!.ToArray(), Tolerance, "db2");
    }

    private static (Sequential<double> Model, Tensor<double> X) Network()
    {
        var model = Mlp.Create<double>([D, H, C], Activation.Sigmoid, Activation.Identity, seed: 2024);
        // Non-zero biases, so that a bias mix-up would show.
        TestData.Normal(1, 0.5, H).Span.CopyTo(((Dense<double>)model.Layers[0]).B.Span);
        TestData.Normal(2, 0.5, C).Span.CopyTo(((Dense<double>)model.Layers[1]).B.Span);
        return (model, TestData.Normal(3, 1, N, D));
    }

    private static Expected ByHand(Sequential<double> model, Tensor<double> x, double[,] y)
    {
        var hidden = (Dense<double>)model.Layers[0];
        var output = (Dense<double>)model.Layers[1];
        return ByHand(ToArray2D(x), y, ToArray2D(hidden.W), hidden.B.ToArray(), ToArray2D(output.W), output.B.ToArray());
    }

    [Fact]
    public void ClassIndexTargetsGiveTheTutorialGradients()
    {
        var (model, x) = Network();
        var labels = Tensor.From(2.0, 0, 1, 1, 2);
        var y = new double[N, C];
        for (int n = 0; n < N; n++) y[n, (int)labels[n]] = 1;

        var loss = new CrossEntropy().Compute(model.Forward(x), labels);
        loss.Backward();

        AssertGradients(ByHand(model, x, y), loss.Item, (Dense<double>)model.Layers[0], (Dense<double>)model.Layers[1]);
    }

    [Fact]
    public void ProbabilityTargetsGiveTheTutorialGradients()
    {
        var (model, x) = Network();
        var targets = TestData.Probabilities(4, N, C);

        var loss = new CrossEntropy().Compute(model.Forward(x), targets);
        loss.Backward();

        AssertGradients(ByHand(model, x, ToArray2D(targets)), loss.Item, (Dense<double>)model.Layers[0], (Dense<double>)model.Layers[1]);
    }

    [Fact]
    public void UnfusedLayersGiveTheSameGradients()
    {
        // Dense(identity) → ActivationLayer(sigmoid) → Dense(identity): the PyTorch-style stack, through the generic unary node.
        var (fused, x) = Network();
        var f0 = (Dense<double>)fused.Layers[0];
        var f1 = (Dense<double>)fused.Layers[1];
        var hidden = new Dense<double>(f0.W.Clone(), f0.B.Clone());
        var output = new Dense<double>(f1.W.Clone(), f1.B.Clone());
        var model = new Sequential<double>(hidden, new ActivationLayer<double>(Activation.Sigmoid), output);
        var labels = Tensor.From(0.0, 1, 2, 0, 1);
        var y = new double[N, C];
        for (int n = 0; n < N; n++) y[n, (int)labels[n]] = 1;

        var loss = new CrossEntropy().Compute(model.Forward(x), labels);
        loss.Backward();

        AssertGradients(ByHand(fused, x, y), loss.Item, hidden, output);
    }
}
