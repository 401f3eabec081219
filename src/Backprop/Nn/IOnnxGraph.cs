namespace Backprop.Nn;

/// <summary>
/// What a module sees of an ONNX graph under construction (opset 17) when it writes its own nodes (<see cref="Module{T}.WriteOnnx"/>):
/// values are named by strings; each call adds nodes or constants and returns the new value's name.
/// </summary>
public interface IOnnxGraph
{
    /// <summary>Adds a node of <paramref name="opType"/> over <paramref name="inputs"/> with attributes (float, int, long, float[] or long[] values); returns its output.</summary>
    string Node(string opType, IReadOnlyList<string> inputs, params (string Name, object Value)[] attributes);

    /// <summary>Adds a float constant (an initializer) of shape <paramref name="dims"/>; <paramref name="hint"/> starts its name.</summary>
    string Constant(string hint, IReadOnlyList<float> values, params long[] dims);

    /// <summary>Adds <paramref name="activation"/>'s nodes over <paramref name="x"/>; null when it has no ONNX form.</summary>
    string? Activation(Activation activation, string x);
}
