using Backprop.Diagnostics;
using Backprop.Errors;
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
        Assert.True(step.Hand!.MaxDifference < 1e-15, $"max |autodiff - hand| = {step.Hand!.MaxDifference}");
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
        Assert.True(step.Hand!.MaxDifference < 1e-15);
    }

    [Theory]
    [InlineData("layer1.w[0,1]", 2)]
    [InlineData("layer2.w[2,0]", 2)]
    [InlineData("layer1.b[1]", 3)]
    [InlineData("layer1.w[1,0]", 3)]
    [InlineData("layer3.w[0,1]", 3)]
    public void SumOverPathsEqualsTheHandSum(string parameter, int hiddenLayers)
    {
        var layers = new List<(double[,] W, double[] B, string Act)>
        {
            (new double[,] { { 0.1, -0.2, 0.3 }, { 0.4, 0.5, -0.6 } }, [0.01, 0.02, 0.03], "sigmoid"),
            (new double[,] { { 0.3, -0.1, 0.2 }, { 0.2, 0.2, -0.3 }, { -0.5, 0.4, 0.1 } }, [0, 0.1, -0.1], "tanh"),
        };
        if (hiddenLayers == 3) layers.Add((new double[,] { { 0.6, -0.1, 0.2 }, { -0.3, 0.2, 0.4 }, { 0.5, 0.1, -0.2 } }, [0.1, 0, 0], "leaky_relu:0.05"));
        layers.Add((new double[,] { { 0.3, -0.4 }, { 0.1, 0.2 }, { -0.2, 0.5 } }, [0, 0], "softmax"));
        double[,] x = { { 1, 2 }, { -0.5, 0.3 } };
        int[] y = [1, 0];
        var json = $$"""{"layers": [{{string.Join(",", layers.Select(l => $$"""{"w": {{Json(l.W)}}, "b": {{Json(l.B)}}, "act": "{{l.Act}}"}"""))}}], "loss": "softmax_ce", "x": {{Json(x)}}, "y": [{{string.Join(", ", y)}}]}""";

        var paths = ChainPaths.Find(StepExplanation.Run(NetworkSpec.Parse(json)), parameter);

        var (sum, count) = HandPathSum(layers, x, y, parameter);
        Assert.Equal(count, paths.Paths.Count);
        Assert.True(count > 1);
        Assert.NotEqual(0, sum);
        Assert.Equal(sum, paths.Sum, 14);
        Assert.Equal(sum, paths.Autodiff, 14);
    }

    /// <summary>
    /// The gradient of softmax cross-entropy (mean over rows) with respect to one parameter as the sum over every path of the product
    /// of its local derivatives, each written here by hand: ∂z_k[j]/∂w_k[i,j] = a_(k-1)[i] (1 for b_k[j]); ∂a_k[u]/∂z_k[u] = σ(1 - σ),
    /// 1 - tanh², or 1 / α for leaky ReLU; ∂z_(k+1)[m]/∂a_k[u] = w_(k+1)[u,m]; and at the end ∂L/∂z_last[u] = (p[u] - [u = y]) / N.
    /// </summary>
    private static (double Sum, int Count) HandPathSum(List<(double[,] W, double[] B, string Act)> layers, double[,] x, int[] y, string parameter)
    {
        var match = System.Text.RegularExpressions.Regex.Match(parameter, @"^layer(\d+)\.(w|b)\[(\d+)(?:,(\d+))?\]$");
        int layer = int.Parse(match.Groups[1].Value) - 1;
        bool weight = match.Groups[2].Value == "w";
        int i = weight ? int.Parse(match.Groups[3].Value) : 0, j = int.Parse(match.Groups[weight ? 4 : 3].Value);
        int rows = x.GetLength(0);
        double sum = 0;
        int count = 0;
        for (int r = 0; r < rows; r++)
        {
            // Forward pass of row r: a[0] = x, z[k] = a[k]·W_k + b_k, a[k + 1] = f_k(z[k]).
            var a = new List<double[]> { Enumerable.Range(0, x.GetLength(1)).Select(c => x[r, c]).ToArray() };
            var z = new List<double[]>();
            foreach (var (w, b, act) in layers)
            {
                var zk = b.Select((bias, m) => bias + Enumerable.Range(0, w.GetLength(0)).Sum(q => a[^1][q] * w[q, m])).ToArray();
                z.Add(zk);
                a.Add(act switch
                {
                    "sigmoid" => [.. zk.Select(v => 1 / (1 + Math.Exp(-v)))],
                    "tanh" => [.. zk.Select(Math.Tanh)],
                    "leaky_relu:0.05" => [.. zk.Select(v => v > 0 ? v : 0.05 * v)],
                    _ => [.. zk.Select(v => Math.Exp(v) / zk.Sum(Math.Exp))],
                });
            }

            // Every path from z_k[u] to the loss: the products of its factors, summed, and how many there are.
            (double Sum, int Count) From(int k, int u)
            {
                if (k == layers.Count - 1) return ((a[k + 1][u] - (u == y[r] ? 1 : 0)) / rows, 1);
                double slope = layers[k].Act switch
                {
                    "sigmoid" => a[k + 1][u] * (1 - a[k + 1][u]),
                    "tanh" => 1 - a[k + 1][u] * a[k + 1][u],
                    _ => z[k][u] > 0 ? 1 : 0.05,
                };
                double total = 0;
                int paths = 0;
                for (int m = 0; m < layers[k + 1].B.Length; m++)
                {
                    var (s, c) = From(k + 1, m);
                    total += slope * layers[k + 1].W[u, m] * s;
                    paths += c;
                }
                return (total, paths);
            }

            var (rest, n) = From(layer, j);
            sum += (weight ? a[layer][i] : 1) * rest;
            count += n;
        }
        return (sum, count);
    }

    private static string Json(double[] v) => "[" + string.Join(", ", v.Select(e => e.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";

    private static string Json(double[,] m) => "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(r => Json([.. Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c])]))) + "]";

    [Theory]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}, {"w": [[1], [2], [3]], "b": [0], "act": "identity"}], "loss": "mse_half", "x": [[1]], "y": [[1]]}""", "layers[1].w: 3 rows, but layers[0] has 2 outputs")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "mish"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]]}""", "layers[0].act: unknown activation 'mish'")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}], "loss": "hinge", "x": [[1]], "y": [[1, 1]]}""", "loss: unknown loss 'hinge'")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "identity"}], "loss": "softmax_ce", "x": [[1]], "y": [2]}""", "y[0]: class index 2 is out of range for 2 outputs")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "act": "relu"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]]}""", "layers[0].b: missing field")]
    [InlineData("""{"layers": [{"w": [[1, 2]], "b": [0, 0], "act": "relu"}], "loss": "mse_half", "x": [[1]], "y": [[1, 1]""", "malformed JSON at line 1")]
    public void BadSpecsNameTheField(string json, string expected)
    {
        var e = Assert.Throws<BackpropException>(() => NetworkSpec.Parse(json, "spec.json"));
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
