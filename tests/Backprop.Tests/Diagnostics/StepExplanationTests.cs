using Backprop.Diagnostics;
using Backprop.Nn;

namespace Backprop.Tests.Diagnostics;

public class StepExplanationTests
{
    private const string MazurSpec = """
        {"layers": [{"w": [[0.15, 0.25], [0.2, 0.3]], "b": [0.35, 0.35], "act": "sigmoid"},
                    {"w": [[0.4, 0.5], [0.45, 0.55]], "b": [0.6, 0.6], "act": "sigmoid"}],
         "loss": "mse_half", "x": [[0.05, 0.1]], "y": [[0.01, 0.99]], "lr": 0.5}
        """;

    [Fact]
    public void ReproducesThePublishedWorkedExample()
    {
        // Matt Mazur's "A Step by Step Backpropagation Example": total error 0.298371109, and the weights after one update at λ = 0.5.
        var step = StepExplanation.Run(NetworkSpec.Parse(MazurSpec));
        Assert.Equal(0.298371109, step.Loss, 9);
        double[,] w1 = { { 0.149780716, 0.24975114 }, { 0.19956143, 0.29950229 } };
        double[,] w2 = { { 0.35891648, 0.511301270 }, { 0.408666186, 0.561370121 } };
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
            {
                Assert.Equal(w1[i, j], step.Layers[0].WUpdated[i, j], 8);
                Assert.Equal(w2[i, j], step.Layers[1].WUpdated[i, j], 8);
            }
    }

    [Theory]
    [InlineData(MazurSpec)]
    [InlineData("""{"layers": [{"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0.01, 0.02, 0.03], "act": "tanh"}, {"w": [[0.3, -0.1], [0.2, 0.2], [-0.5, 0.4]], "b": [0, 0.1], "act": "softmax"}], "loss": "softmax_ce", "x": [[1, 2], [0.5, -1], [-0.3, 0.8]], "y": [1, 0, 1]}""")]
    [InlineData("""{"layers": [{"w": [[0.5, -0.3]], "b": [0.1, 0.2], "act": "relu"}, {"w": [[0.7], [-0.4]], "b": [0.05], "act": "identity"}], "loss": "mse_half", "x": [[1.5], [-0.5], [2]], "y": [[1], [0], [0.5]], "lr": 0.1}""")]
    [InlineData("""{"layers": [{"w": [[0.2, -0.4], [0.3, 0.1]], "b": [0, 0], "act": "leaky_relu:0.1"}, {"w": [[0.6], [-0.9]], "b": [0.2], "act": "sigmoid"}], "loss": "bce_logits", "x": [[1, -2], [-1, 0.5]], "y": [[1], [0]]}""")]
    public void AutodiffEqualsTheHandFormulas(string json)
    {
        var step = StepExplanation.Run(NetworkSpec.Parse(json));
        Assert.True(step.Hand.MaxDifference < 1e-15, $"max |autodiff - hand| = {step.Hand.MaxDifference}");
    }

    [Fact]
    public void TutorialExampleHasTwoFeaturesSigmoidThenSoftmaxAndLearningRateTwoHundredths()
    {
        var spec = NetworkSpec.TutorialExample();
        Assert.Equal([1, 2], spec.X.Shape.ToArray());
        Assert.Equal(Activation.Sigmoid, spec.Layers[0].Activation);
        Assert.Equal(Activation.Softmax, spec.Layers[1].Activation);
        Assert.Equal(0.02, spec.LearningRate);
        var step = StepExplanation.Run(spec);
        Assert.Equal(1.0, step.Layers[1].A[0, 0] + step.Layers[1].A[0, 1], 12); // softmax probabilities
        Assert.True(step.Hand.MaxDifference < 1e-15);
    }

    [Theory]
    [InlineData("layer1.w[0,1]", 2)]
    [InlineData("layer2.w[2,0]", 2)]
    [InlineData("layer1.b[1]", 3)]
    [InlineData("layer1.w[1,0]", 3)]
    [InlineData("layer3.w[0,1]", 3)]
    public void SumOverPathsEqualsAutodiff(string parameter, int hiddenLayers)
    {
        var layers = new List<string>
        {
            """{"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0.01, 0.02, 0.03], "act": "sigmoid"}""",
            """{"w": [[0.3, -0.1, 0.2], [0.2, 0.2, -0.3], [-0.5, 0.4, 0.1]], "b": [0, 0.1, -0.1], "act": "tanh"}""",
        };
        if (hiddenLayers == 3) layers.Add("""{"w": [[0.6, -0.1, 0.2], [-0.3, 0.2, 0.4], [0.5, 0.1, -0.2]], "b": [0.1, 0, 0], "act": "leaky_relu:0.05"}""");
        layers.Add("""{"w": [[0.3, -0.4], [0.1, 0.2], [-0.2, 0.5]], "b": [0, 0], "act": "softmax"}""");
        var json = $$"""{"layers": [{{string.Join(",", layers)}}], "loss": "softmax_ce", "x": [[1, 2], [-0.5, 0.3]], "y": [1, 0]}""";
        var step = StepExplanation.Run(NetworkSpec.Parse(json));
        var paths = ChainPaths.Find(step, parameter);
        Assert.True(paths.Paths.Count > 1);
        Assert.Equal(paths.Autodiff, paths.Sum, 14);
        Assert.NotEqual(0, paths.Autodiff);
    }

    [Theory]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}, {"w": [[1], [2], [3]], "b": [0], "act": "identity"}], "loss": "mse_half", "x": [[1]], "y": [[1]]}""", "layers[1].w: 3 rows, but layers[0] has 2 outputs")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "mish"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]]}""", "layers[0].act: unknown activation 'mish'")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}], "loss": "hinge", "x": [[1]], "y": [[1, 1]]}""", "loss: unknown loss 'hinge'")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "identity"}], "loss": "softmax_ce", "x": [[1]], "y": [2]}""", "y[0]: class index 2 is out of range for 2 outputs")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "act": "relu"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]]}""", "layers[0].b: missing field")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]""", "malformed JSON at line 1")]
    public void BadSpecsNameTheField(string json, string expected)
    {
        var e = Assert.Throws<FormatException>(() => NetworkSpec.Parse(json, "spec.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("spec.json: ", e.Message);
    }

    [Fact]
    public void SigmoidGradientsVanishWhereReluGradientsDoNot()
    {
        var sigmoid = VanishingGradients.Measure(Activation.Sigmoid, steps: 5);
        var relu = VanishingGradients.Measure(Activation.Relu, steps: 5);
        Assert.Equal(11, sigmoid.MeanAbsGradient.Count);
        Assert.True(sigmoid.MeanAbsGradient[0] < 1e-3 * relu.MeanAbsGradient[0],
            $"first layer: sigmoid {sigmoid.MeanAbsGradient[0]:E2}, relu {relu.MeanAbsGradient[0]:E2}");
        Assert.True(sigmoid.FirstToLastRatio < 1e-3 && relu.FirstToLastRatio > 1e-2,
            $"first/last: sigmoid {sigmoid.FirstToLastRatio:E2}, relu {relu.FirstToLastRatio:E2}");
    }
}
