using System.Globalization;
using Backprop.Onnx.Proto;

namespace Backprop.Onnx;

/// <summary>
/// An ONNX graph being written: nodes in order, constant tensors (initializers) and names made unique. Exporters of activations
/// (<see cref="OnnxActivations.Register"/>) add their nodes through it; every value is a float tensor named by a string.
/// </summary>
public sealed class OnnxGraph : Nn.IOnnxGraph
{
    private int _next;

    internal GraphProto Proto { get; } = new() { Name = "backprop" };

    /// <summary>Adds a node <paramref name="opType"/> (ai.onnx, opset <see cref="OnnxExport.Opset"/>) over <paramref name="inputs"/>
    /// and returns the name of its one output. <paramref name="attributes"/> are float or integer attributes, e.g. <c>("alpha", 0.1f)</c>.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params (string Name, object Value)[] attributes)
    {
        string output = Fresh(opType);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.Add(inputs);
        node.Output.Add(output);
        foreach (var (name, value) in attributes)
            node.Attribute.Add(value switch
            {
                float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
                int or long => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = Convert.ToInt64(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"{opType}: attribute {name} is {value.GetType().Name}; only float and integer attributes are written."),
            });
        Proto.Node.Add(node);
        return output;
    }

    /// <summary>A float constant of shape <paramref name="dims"/> (empty for a scalar) holding <paramref name="values"/> in row-major order.</summary>
    public string Constant(string hint, IReadOnlyList<float> values, params long[] dims)
    {
        if (values.Count != dims.Aggregate(1L, (a, d) => a * d))
            throw new ArgumentException($"Constant {hint}: {values.Count} values for shape [{string.Join(", ", dims)}].");
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.Add(dims);
        tensor.FloatData.Add(values);
        Proto.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A float scalar constant.</summary>
    public string Scalar(double value) => Constant("c", [(float)value]);

    /// <inheritdoc/>
    public string? Activation(Nn.Activation activation, string x) => OnnxActivations.TryWrite(this, activation, x);

    /// <summary>Renames the value <paramref name="value"/> to <paramref name="name"/> through an Identity node (for the graph's named outputs).</summary>
    internal void Name(string value, string name)
    {
        var node = new NodeProto { OpType = "Identity", Name = name };
        node.Input.Add(value);
        node.Output.Add(name);
        Proto.Node.Add(node);
    }

    // "Gemm_3": unique in the graph.
    private string Fresh(string hint) => $"{hint}_{(_next++).ToString(CultureInfo.InvariantCulture)}";
}
