namespace Backprop.Tests.Cli;

/// <summary>Small networks given as JSON specs, shared by the CLI tests.</summary>
internal static class Specs
{
    /// <summary>Matt Mazur's worked example: 2-2-2, sigmoid everywhere, ½Σ(o - y)², λ = 0.5.</summary>
    public const string Mazur = """
        {"layers": [{"w": [[0.15, 0.25], [0.2, 0.3]], "b": [0.35, 0.35], "act": "sigmoid"},
                    {"w": [[0.4, 0.5], [0.45, 0.55]], "b": [0.6, 0.6], "act": "sigmoid"}],
         "loss": "mse_half", "x": [[0.05, 0.1]], "y": [[0.01, 0.99]], "lr": 0.5}
        """;

    /// <summary>Three examples, a tanh hidden layer, softmax over two classes with cross-entropy.</summary>
    public const string SoftmaxCrossEntropy = """
        {"layers": [{"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0.01, 0.02, 0.03], "act": "tanh"},
                    {"w": [[0.3, -0.1], [0.2, 0.2], [-0.5, 0.4]], "b": [0, 0.1], "act": "softmax"}],
         "loss": "softmax_ce", "x": [[1, 2], [0.5, -1], [-0.3, 0.8]], "y": [1, 0, 1]}
        """;

    /// <summary>Regression: a ReLU hidden layer (one unit off for some rows), a linear output, ½(O - Y)², three examples.</summary>
    public const string ReluRegression = """
        {"layers": [{"w": [[0.5, -0.3]], "b": [0.1, 0.2], "act": "relu"},
                    {"w": [[0.7], [-0.4]], "b": [0.05], "act": "identity"}],
         "loss": "mse_half", "x": [[1.5], [-0.5], [2]], "y": [[1], [0], [0.5]], "lr": 0.1}
        """;

    /// <summary>A softmax/cross-entropy network with <paramref name="hidden"/> (2 or 3) hidden layers of three units.</summary>
    public static string Deep(int hidden)
    {
        var layers = new List<string>
        {
            """{"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0.01, 0.02, 0.03], "act": "sigmoid"}""",
            """{"w": [[0.3, -0.1, 0.2], [0.2, 0.2, -0.3], [-0.5, 0.4, 0.1]], "b": [0, 0.1, -0.1], "act": "tanh"}""",
        };
        if (hidden == 3) layers.Add("""{"w": [[0.6, -0.1, 0.2], [-0.3, 0.2, 0.4], [0.5, 0.1, -0.2]], "b": [0.1, 0, 0], "act": "leaky_relu:0.05"}""");
        layers.Add("""{"w": [[0.3, -0.4], [0.1, 0.2], [-0.2, 0.5]], "b": [0, 0], "act": "softmax"}""");
        return $$"""{"layers": [{{string.Join(",", layers)}}], "loss": "softmax_ce", "x": [[1, 2], [-0.5, 0.3]], "y": [1, 0]}""";
    }
}
