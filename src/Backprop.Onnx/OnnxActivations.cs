using Backprop.Nn;
using Backprop.Nn.Activations;

namespace Backprop.Onnx;

/// <summary>
/// How each activation is written as ONNX nodes (opset 17), by its registered name (<see cref="ActivationEntry.Name"/>). Adding an
/// activation of your own: <see cref="Activation.Register"/> it, then <see cref="Register"/> its nodes here.
/// </summary>
public static class OnnxActivations
{
    private static readonly Dictionary<string, Func<OnnxGraph, Activation, string, string>> writers = new()
    {
        ["identity"] = (_, _, x) => x,
        ["sigmoid"] = (g, _, x) => g.Node("Sigmoid", [x]),
        ["tanh"] = (g, _, x) => g.Node("Tanh", [x]),
        ["relu"] = (g, _, x) => g.Node("Relu", [x]),
        ["softplus"] = (g, _, x) => g.Node("Softplus", [x]), // ln(1 + eˣ); the library's linear part above 20 differs by < 2e-9
        ["softmax"] = (g, _, x) => g.Node("Softmax", [x], ("axis", 1)),
        ["leaky_relu"] = (g, a, x) => g.Node("LeakyRelu", [x], ("alpha", (float)((LeakyRelu)a).Alpha)),
        ["elu"] = (g, a, x) => g.Node("Elu", [x], ("alpha", (float)((Elu)a).Alpha)),
        ["silu"] = (g, _, x) => g.Node("Mul", [x, g.Node("Sigmoid", [x])]),                                   // x·σ(x)
        ["gelu"] = (g, _, x) => Half(g, x, g.Node("Erf", [g.Node("Mul", [x, g.Scalar(1 / Math.Sqrt(2))])])), // ½x(1 + erf(x/√2))
        ["gelu_tanh"] = (g, _, x) =>                                                                         // ½x(1 + tanh(√(2/π)(x + 0.044715x³)))
        {
            var cube = g.Node("Mul", [g.Node("Mul", [x, x]), x]);
            var inner = g.Node("Add", [x, g.Node("Mul", [cube, g.Scalar(0.044715)])]);
            return Half(g, x, g.Node("Tanh", [g.Node("Mul", [inner, g.Scalar(Math.Sqrt(2 / Math.PI))])]));
        },
    };

    private static readonly Lock gate = new();

    /// <summary>Makes the activation registered as <paramref name="name"/> exportable: <paramref name="write"/> adds the nodes
    /// computing it from the value named by its third argument and returns the name of the result.</summary>
    public static void Register(string name, Func<OnnxGraph, Activation, string, string> write)
    {
        lock (gate) writers[name] = write;
    }

    /// <summary>The nodes computing <paramref name="activation"/> of <paramref name="x"/>, or null when it has no ONNX form.</summary>
    internal static string? TryWrite(OnnxGraph graph, Activation activation, string x)
    {
        Func<OnnxGraph, Activation, string, string>? write;
        lock (gate) writers.TryGetValue(activation.ToString().Split(':', 2)[0], out write);
        return write?.Invoke(graph, activation, x);
    }

    // ½x(1 + t)
    private static string Half(OnnxGraph g, string x, string t) =>
        g.Node("Mul", [g.Node("Mul", [x, g.Node("Add", [t, g.Scalar(1)])]), g.Scalar(0.5)]);
}
