using Backprop.Diagnostics;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Tests.Diagnostics;

/// <summary><see cref="NetworkSpec.ToJson"/> writes what <see cref="NetworkSpec.Parse"/> reads back to the same spec, every number exact.</summary>
public class NetworkSpecJsonTests
{
    [Fact]
    public void ClassIndicesAndAParameterisedActivationReadBackExactly()
    {
        var rng = new Rng(11);
        var spec = NetworkSpec.TutorialExample() with { LearningRate = 0.1 / 3 };
        spec = spec with
        {
            Layers = [spec.Layers[0] with { W = Random(rng, 2, 3), Activation = Activation.Parse("leaky_relu:0.2") }, spec.Layers[1]],
        };
        AssertSame(spec, NetworkSpec.Parse(spec.ToJson()));
    }

    [Fact]
    public void TargetRowsOfARegressionReadBackExactly()
    {
        var rng = new Rng(12);
        var spec = new NetworkSpec([new LayerSpec(Random(rng, 3, 2), Random(rng, 2), Activation.Parse("tanh"))], Loss.Parse("mse"),
            Random(rng, 4, 3), Random(rng, 4, 2), 0.5);
        AssertSame(spec, NetworkSpec.Parse(spec.ToJson()));
    }

    [Fact]
    public void BatchNormalisationIsRefusedSinceTheJsonCannotHoldIt()
    {
        var spec = NetworkSpec.TutorialExample();
        var normed = spec with { Layers = [spec.Layers[0] with { Norm = new EvalBatchNorm(Ones(), Zeros(), Zeros(), Ones(), 1e-5) }, spec.Layers[1]] };
        Assert.Contains("layers[0] has batch normalisation", Assert.Throws<BackpropException>(normed.ToJson).Message);
    }

    private static Tensor<double> Ones() => Tensor<double>.FromArray([1.0, 1.0, 1.0], 3);

    private static Tensor<double> Zeros() => Tensor<double>.FromArray([0.0, 0.0, 0.0], 3);

    private static Tensor<double> Random(Rng rng, params int[] shape)
    {
        var t = new Tensor<double>(new Shape(shape));
        for (int i = 0; i < t.Length; i++) t.Span[i] = rng.NextDouble() * 2 - 1;
        return t;
    }

    private static void AssertSame(NetworkSpec expected, NetworkSpec actual)
    {
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int l = 0; l < expected.Layers.Count; l++)
        {
            Assert.Equal(expected.Layers[l].W.Shape.ToArray(), actual.Layers[l].W.Shape.ToArray());
            Assert.Equal(expected.Layers[l].W.Span.ToArray(), actual.Layers[l].W.Span.ToArray());
            Assert.Equal(expected.Layers[l].B.Span.ToArray(), actual.Layers[l].B.Span.ToArray());
            Assert.Equal(expected.Layers[l].Activation.ToString(), actual.Layers[l].Activation.ToString());
        }
        Assert.Equal(expected.Loss.Name, actual.Loss.Name);
        Assert.Equal(expected.X.Shape.ToArray(), actual.X.Shape.ToArray());
        Assert.Equal(expected.X.Span.ToArray(), actual.X.Span.ToArray());
        Assert.Equal(expected.Y.Shape.ToArray(), actual.Y.Shape.ToArray());
        Assert.Equal(expected.Y.Span.ToArray(), actual.Y.Span.ToArray());
        Assert.Equal(expected.LearningRate, actual.LearningRate);
    }
}
