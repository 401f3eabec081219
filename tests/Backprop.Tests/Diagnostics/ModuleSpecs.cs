namespace Backprop.Tests.Diagnostics;

/// <summary>Specs whose layers name registered modules: a layer norm between Dense layers, and a residual block around two Dense layers.</summary>
internal static class ModuleSpecs
{
    public const string LayerNorm = """
        {"layers": [
          {"w": [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], "b": [0.01, 0.02, 0.03], "act": "identity"},
          {"type": "layer_norm", "config": {"features": 3}, "state": {"weight": [1.1, 0.9, 1.2], "bias": [0.1, -0.1, 0.05]}},
          {"type": "activation", "config": {"activation": "tanh"}},
          {"type": "dense", "config": {"inputs": 3, "outputs": 2}, "state": {"weight": [[0.2, -0.3, 0.1], [0.5, 0.4, -0.2]], "bias": [0.0, 0.1]}}
         ], "loss": "softmax_ce", "x": [[0.5, 0.8], [-0.3, 0.2]], "y": [1, 0], "lr": 0.1}
        """;

    public const string Residual = """
        {"layers": [
          {"type": "dense", "config": {"inputs": 2, "outputs": 3, "activation": "tanh"}, "state": {"weight": [[0.3, 0.2], [0.1, -0.4], [0.5, 0.6]], "bias": [0.1, 0.1, 0.1]}},
          {"type": "residual", "children": [{"type": "sequential", "children": [
              {"type": "dense", "config": {"inputs": 3, "outputs": 3, "activation": "tanh"}, "state": {"weight": [[0.2, -0.1, 0.3], [0.4, 0.1, -0.2], [-0.3, 0.2, 0.1]], "bias": [0.0, 0.05, -0.05]}},
              {"type": "dense", "config": {"inputs": 3, "outputs": 3}, "state": {"weight": [[0.1, 0.2, 0.3], [-0.2, 0.1, 0.4], [0.3, -0.1, 0.2]], "bias": [0.01, 0.02, 0.03]}}]}]},
          {"type": "dense", "config": {"inputs": 3, "outputs": 1}, "state": {"weight": [[0.3, -0.2, 0.4]], "bias": [0.05]}}
         ], "loss": "mse_half", "x": [[0.5, 0.8], [0.1, -0.3]], "y": [[1.0], [0.2]], "lr": 0.1}
        """;
}
