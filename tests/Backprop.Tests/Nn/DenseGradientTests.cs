using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>The fused Dense op (Z = X·W + b, A = f(Z)) for every activation: backward with respect to X, W and b against finite differences.</summary>
public class DenseGradientTests
{
    public static TheoryData<string, int, int, int> Cases()
    {
        var data = new TheoryData<string, int, int, int>();
        foreach (var act in new[] { "identity", "sigmoid", "tanh", "relu", "leaky_relu:0.1", "softmax" })
            foreach (var (n, inputs, outputs) in new[] { (1, 1, 1), (1, 7, 3), (5, 3, 2), (3, 1, 4), (4, 6, 1) })
                data.Add(act, n, inputs, outputs);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardMatchesFiniteDifferences(string activation, int n, int inputs, int outputs)
    {
        ulong seed = TestData.Seed(activation, n, inputs, outputs);
        var x = TestData.Normal(seed, 1, n, inputs);
        var w = TestData.Normal(seed + 1, 0.8, inputs, outputs);
        var b = TestData.Normal(seed + 2, 0.5, outputs);
        var act = Activation.Parse(activation);
        // A softmax over one output is constantly 1; a ReLU over one negative pre-activation is constantly 0.
        bool constant = (act == Activation.Softmax && outputs == 1) || (act == Activation.Relu && n * outputs == 1);
        GradCheck.Check($"Dense({inputs} -> {outputs}, {activation}) on [{n}, {inputs}]",
            xs => new Dense<double>(xs[1], xs[2], act).Forward(xs[0]), [x, w, b], allowZeroGradient: constant);
    }

    [Fact]
    public void InputThatNeedsNoGradientGetsNone()
    {
        var x = TestData.Normal(1, 1, 3, 4);
        var layer = new Dense<double>(4, 2, Activation.Tanh, seed: 5);
        layer.Forward(x).Sum().Backward();
        Assert.Null(x.Grad);
        Assert.NotNull(layer.W.Grad);
        Assert.NotNull(layer.B.Grad);
    }
}
