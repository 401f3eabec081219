using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Autograd;

/// <summary>
/// The multi-path rule: when a value feeds several consumers, its gradient is the sum over the paths.
/// Also: leaves accumulate across Backward calls, intermediates do not.
/// </summary>
public class MultiPathTests
{
    [Fact]
    public void ValueUsedTwiceGetsSumOfPaths()
    {
        // y = x·x + x  ⇒  dy/dx = 2x + 1
        var x = Tensor.Scalar(3.0, requiresGrad: true);
        var y = x * x + x;
        y.Backward();
        Assert.Equal(7.0, x.Grad!.Item);
    }

    [Fact]
    public void ValueUsedTwiceGetsSumOfPathsElementwise()
    {
        var x = TestData.Normal(1, 1, 3, 2);
        x.RequiresGrad = true;
        (x * x + x).Backward(Tensor<double>.Ones(3, 2));
        TestData.AssertClose(x.ToArray().Select(v => 2 * v + 1).ToArray(), x.Grad!.ToArray(), 1e-15, "d(x·x + x)/dx");
    }

    [Fact]
    public void SameTensorAsBothOperands()
    {
        var x = Tensor.Scalar(1.5, requiresGrad: true);
        (x + x).Backward();
        Assert.Equal(2.0, x.Grad!.Item);
        x.ZeroGrad();
        (x - x).Backward();
        Assert.Equal(0.0, x.Grad!.Item);
        x.ZeroGrad();
        (x / x).Backward();
        Assert.Equal(0.0, x.Grad!.Item, 15);
        x.ZeroGrad();
        var m = x.Reshape(1, 1);
        m.MatMul(m).Backward();
        Assert.Equal(3.0, x.Grad!.Item);
    }

    [Fact]
    public void MicrogradStyleExpression()
    {
        var a = Tensor.Scalar(-4.0, requiresGrad: true);
        var b = Tensor.Scalar(2.0, requiresGrad: true);
        var c = a * b + a.Pow(2.0);   // c = ab + a²
        c.Backward();
        Assert.Equal(8.0, c.Item);
        Assert.Equal(b.Item + 2 * a.Item, a.Grad!.Item); // dc/da = b + 2a
        Assert.Equal(a.Item, b.Grad!.Item);              // dc/db = a
    }

    [Fact]
    public void DiamondRunsEachNodeAfterAllItsConsumers()
    {
        // u = eˣ feeds v = u² and w = u + v. If u's backward ran before v's, it would miss v's contribution.
        var x = Tensor.Scalar(0.3, requiresGrad: true);
        var u = x.Exp();
        var v = u * u;
        var w = u + v;
        w.Backward();
        double e = Math.Exp(0.3);
        TestData.AssertClose((1 + 2 * e) * e, x.Grad!.Item, 1e-15, "dw/dx");
        TestData.AssertClose(1 + 2 * e, u.Grad!.Item, 1e-15, "dw/du");
    }

    // One hidden unit h = σ(w·x + b) feeds two outputs oₖ = vₖ·h + cₖ; L = ½ Σₖ (oₖ - yₖ)².
    // By the multi-path rule dL/dh = Σₖ (oₖ - yₖ)·vₖ, so dL/dw = [(o₁ - y₁)v₁ + (o₂ - y₂)v₂]·h(1 - h)·x.
    private const double X = 0.7, W = -1.3, B = 0.4, V1 = 0.9, C1 = -0.2, V2 = -1.7, C2 = 0.5, Y1 = 1.0, Y2 = -0.5;

    private static (double DLdw, double DLdb, double DLdv1, double DLdv2, double DLdh) HandDerived()
    {
        double h = 1 / (1 + Math.Exp(-(W * X + B)));
        double e1 = V1 * h + C1 - Y1, e2 = V2 * h + C2 - Y2;
        double path1 = e1 * V1, path2 = e2 * V2;
        double dh = path1 + path2;
        double dz = dh * h * (1 - h);
        return (dz * X, dz, e1 * h, e2 * h, dh);
    }

    [Fact]
    public void HiddenUnitFeedingTwoOutputsGetsBothPathsBuiltFromScalars()
    {
        var w = Tensor.Scalar(W, requiresGrad: true);
        var b = Tensor.Scalar(B, requiresGrad: true);
        var v1 = Tensor.Scalar(V1, requiresGrad: true);
        var v2 = Tensor.Scalar(V2, requiresGrad: true);
        var h = (w * X + b).Sigmoid();
        var o1 = v1 * h + C1;
        var o2 = v2 * h + C2;
        var loss = 0.5 * ((o1 - Y1).Pow(2.0) + (o2 - Y2).Pow(2.0));
        loss.Backward();

        var expected = HandDerived();
        TestData.AssertClose(expected.DLdh, h.Grad!.Item, 1e-14, "dL/dh");
        TestData.AssertClose(expected.DLdw, w.Grad!.Item, 1e-14, "dL/dw");
        TestData.AssertClose(expected.DLdb, b.Grad!.Item, 1e-14, "dL/db");
        TestData.AssertClose(expected.DLdv1, v1.Grad!.Item, 1e-14, "dL/dv1");
        TestData.AssertClose(expected.DLdv2, v2.Grad!.Item, 1e-14, "dL/dv2");
    }

    [Fact]
    public void HiddenUnitFeedingTwoOutputsGetsBothPathsThroughDenseLayers()
    {
        var hidden = new Dense<double>(Tensor<double>.FromArray([W], 1, 1), Tensor.From(B), Activation.Sigmoid);
        var output = new Dense<double>(Tensor<double>.FromArray([V1, V2], 1, 2), Tensor.From(C1, C2));
        var h = hidden.Forward(Tensor<double>.FromArray([X], 1, 1));
        var loss = new HalfSquaredError().Compute(output.Forward(h), Tensor<double>.FromArray([Y1, Y2], 1, 2));
        loss.Backward();

        var expected = HandDerived();
        TestData.AssertClose(expected.DLdh, h.Grad!.Item, 1e-14, "dL/dh");
        TestData.AssertClose(expected.DLdw, hidden.W.Grad!.Item, 1e-14, "dL/dw");
        TestData.AssertClose(expected.DLdb, hidden.B.Grad!.Item, 1e-14, "dL/db");
        TestData.AssertClose(expected.DLdv1, output.W.Grad![0, 0], 1e-14, "dL/dv1");
        TestData.AssertClose(expected.DLdv2, output.W.Grad![0, 1], 1e-14, "dL/dv2");
    }

    [Fact]
    public void LeavesAccumulateAcrossBackwardCallsButIntermediatesDoNot()
    {
        var x = Tensor.Scalar(2.0, requiresGrad: true);
        var h = x * x;          // intermediate, dh/dx = 2x = 4
        var y = h * 3.0;        // dy/dh = 3
        y.Backward();
        Assert.Equal(12.0, x.Grad!.Item);
        Assert.Equal(3.0, h.Grad!.Item);

        y.Backward();           // the same graph again
        Assert.Equal(24.0, x.Grad!.Item); // leaf: accumulated
        Assert.Equal(3.0, h.Grad!.Item);  // intermediate: this call only

        var z = h + 1.0;        // a second loss sharing the intermediate, dz/dh = 1
        z.Backward();
        Assert.Equal(28.0, x.Grad!.Item); // + 4, not + 4 + 12 from a stale h.Grad
        Assert.Equal(1.0, h.Grad!.Item);

        x.ZeroGrad();
        y.Backward();
        Assert.Equal(12.0, x.Grad!.Item);
    }

    [Fact]
    public void ParameterGradientsOfTwoBatchesAddUp()
    {
        var layer = new Dense<double>(3, 2, Activation.Tanh, seed: 4);
        var x1 = TestData.Normal(1, 1, 4, 3);
        var x2 = TestData.Normal(2, 1, 5, 3);
        var loss = new MeanSquaredError();
        loss.Compute(layer.Forward(x1), Tensor<double>.Zeros(4, 2)).Backward();
        var g1 = layer.W.Grad!.ToArray();
        layer.ZeroGrad();
        loss.Compute(layer.Forward(x2), Tensor<double>.Zeros(5, 2)).Backward();
        var g2 = layer.W.Grad!.ToArray();
        layer.ZeroGrad();

        loss.Compute(layer.Forward(x1), Tensor<double>.Zeros(4, 2)).Backward();
        loss.Compute(layer.Forward(x2), Tensor<double>.Zeros(5, 2)).Backward();
        TestData.AssertClose(g1.Zip(g2, (a, b) => a + b).ToArray(), layer.W.Grad!.ToArray(), 1e-15, "accumulated dW");
    }

    [Fact]
    public void LongChainDoesNotOverflowTheStack()
    {
        var x = Tensor.Scalar(1.0, requiresGrad: true);
        var y = x;
        for (int i = 0; i < 50_000; i++) y = y + 1.0;
        y.Backward();
        Assert.Equal(1.0, x.Grad!.Item);
    }
}
