using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Tests.Support;

namespace Backprop.Tests.Nn;

/// <summary>Dense forward values, seeded initialisation, and how Mlp/Sequential expose their layers and parameters.</summary>
public class ModelStructureTests
{
    [Theory]
    [InlineData("identity")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("relu")]
    [InlineData("leaky_relu:0.2")]
    [InlineData("softmax")]
    public void DenseForwardIsActivationOfXWPlusB(string activation)
    {
        var act = Activation.Parse(activation);
        var w = TestData.Normal(1, 1, 3, 4);
        var b = TestData.Normal(2, 1, 4);
        var x = TestData.Normal(3, 1, 5, 3);
        var a = new Dense<double>(w, b, act).Forward(x);
        Assert.Equal(new Shape(5, 4), a.Shape);
        for (int n = 0; n < 5; n++)
        {
            var z = new double[4];
            for (int j = 0; j < 4; j++)
            {
                z[j] = b[j];
                for (int i = 0; i < 3; i++) z[j] += x[n, i] * w[i, j];
            }
            double norm = z.Sum(v => Math.Exp(v));
            for (int j = 0; j < 4; j++)
            {
                double expected = act.ToString() switch
                {
                    "sigmoid" => 1 / (1 + Math.Exp(-z[j])),
                    "tanh" => Math.Tanh(z[j]),
                    "relu" => Math.Max(0, z[j]),
                    "leaky_relu:0.2" => z[j] > 0 ? z[j] : 0.2 * z[j],
                    "softmax" => Math.Exp(z[j]) / norm,
                    _ => z[j],
                };
                TestData.AssertClose(expected, a[n, j], 1e-14, $"{activation} A[{n}, {j}]");
            }
        }
    }

    [Fact]
    public void MlpStacksDenseLayersWithTheGivenActivations()
    {
        var model = Mlp.Create<double>([4, 8, 6, 3], Activation.Relu, Activation.Sigmoid, seed: 1);
        Assert.Equal("Sequential(Dense(4 -> 8, relu), Dense(8 -> 6, relu), Dense(6 -> 3, sigmoid))", model.ToString());
        Assert.Equal(["layer1.w", "layer1.b", "layer2.w", "layer2.b", "layer3.w", "layer3.b"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(4 * 8 + 8 + 8 * 6 + 6 + 6 * 3 + 3, model.ParameterCount);
        Assert.All(model.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.All(model.Layers.Cast<Dense<double>>(), l => Assert.All(l.B.ToArray(), v => Assert.Equal(0.0, v)));
        Assert.Equal(new Shape(7, 3), model.Forward(Tensor<double>.Ones(7, 4)).Shape);
        Assert.Equal(Activation.Identity, ((Dense<double>)Mlp.Create<double>([2, 2], Activation.Relu).Layers[0]).Activation);
    }

    [Fact]
    public void SameSeedSameWeightsOtherSeedOtherWeights()
    {
        var a = Mlp.Create<double>([5, 4, 2], Activation.Tanh, seed: 7).Parameters().SelectMany(p => p.ToArray()).ToArray();
        var b = Mlp.Create<double>([5, 4, 2], Activation.Tanh, seed: 7).Parameters().SelectMany(p => p.ToArray()).ToArray();
        var c = Mlp.Create<double>([5, 4, 2], Activation.Tanh, seed: 8).Parameters().SelectMany(p => p.ToArray()).ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        // Consecutive layers draw from one stream: they are not copies of each other.
        var twin = Mlp.Create<double>([3, 3, 3], Activation.Tanh, seed: 7);
        Assert.NotEqual(twin.Parameters().First().ToArray(), twin.Parameters().ElementAt(2).ToArray());
    }

    [Fact]
    public void InitialWeightsFollowTheChosenScheme()
    {
        const int fanIn = 200, fanOut = 100;
        double glorot = Math.Sqrt(6.0 / (fanIn + fanOut));
        var g = new Dense<double>(fanIn, fanOut, Activation.Tanh, seed: 1).W.ToArray();
        Assert.All(g, v => Assert.InRange(v, -glorot, glorot));
        Assert.True(g.Max() > 0.95 * glorot && g.Min() < -0.95 * glorot);

        var he = new Dense<double>(fanIn, fanOut, Activation.Relu, seed: 1).W.ToArray();   // He normal: std √(2/in) = 0.1
        double std = Math.Sqrt(he.Select(v => v * v).Average());
        Assert.InRange(std, 0.098, 0.102);

        Assert.All(new Dense<double>(3, 2, init: Initializer.Zeros).W.ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void ZeroGradAndTrainEvalReachEveryLayer()
    {
        var model = Mlp.Create<double>([2, 3, 1], Activation.Sigmoid, seed: 4);
        new HalfSquaredError().Compute(model.Forward(Tensor<double>.Ones(2, 2)), Tensor<double>.Ones(2, 1)).Backward();
        model.ZeroGrad();
        Assert.All(model.Parameters(), p => Assert.All(p.Grad!.ToArray(), v => Assert.Equal(0.0, v)));
        model.Eval();
        Assert.All(model.Layers, l => Assert.False(l.IsTraining));
        model.Train();
        Assert.All(model.Layers, l => Assert.True(l.IsTraining));
    }

    [Fact]
    public void ActivationLayersDoNotShiftTheLayerNumbers()
    {
        // Sequential(Dense, ReLU, Dense) names its Dense layers as Dense-with-activation does: layer1, layer2 (PyTorch would say 0 and 2).
        var model = new Sequential<double>(new Dense<double>(2, 3, seed: 1), new ActivationLayer<double>(Activation.Relu), new Dense<double>(3, 1, seed: 2));
        Assert.Equal(["layer1.w", "layer1.b", "layer2.w", "layer2.b"], model.NamedParameters().Select(p => p.Name));
        var nested = new Sequential<double>(new ActivationLayer<double>(Activation.Tanh), model);
        Assert.Equal(["layer1.layer1.w", "layer1.layer1.b", "layer1.layer2.w", "layer1.layer2.b"], nested.NamedParameters().Select(p => p.Name));
    }
}
