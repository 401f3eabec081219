using System.Globalization;
using Backprop.Onnx.Proto;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>
/// An ONNX graph being written: nodes in order, constant tensors (initializers) and names made unique. Exporters of activations
/// (<see cref="OnnxActivations.Register"/>) add their nodes through it; every value is a float tensor named by a string.
/// </summary>
public sealed class OnnxGraph : Preprocessing.IOnnxEncoderGraph
{
    private int _next;

    internal GraphProto Proto { get; } = new() { Name = "backprop" };

    /// <summary>Adds a node <paramref name="opType"/> (ai.onnx, opset <see cref="OnnxExport.Opset"/>) over <paramref name="inputs"/>
    /// and returns the name of its one output. <paramref name="attributes"/> are float or integer attributes, e.g. <c>("alpha", 0.1f)</c>.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params (string Name, object Value)[] attributes) => NodeIn("", opType, inputs, attributes);

    /// <summary>Whether a node of the <c>ai.onnx.ml</c> domain was added (the model then imports that operator set).</summary>
    internal bool UsesMl { get; private set; }

    /// <summary>A node of the <c>ai.onnx.ml</c> domain (LabelEncoder): as <see cref="Node"/>, also with string, string[], float[] and long[] attributes.</summary>
    string Preprocessing.IOnnxEncoderGraph.MlNode(string opType, IReadOnlyList<string> inputs, params (string Name, object Value)[] attributes) => MlNode(opType, inputs, attributes);

    string Preprocessing.IOnnxEncoderGraph.LongConstant(string hint, IReadOnlyList<long> values, params long[] dims) => LongConstant(hint, values, dims);

    internal string MlNode(string opType, IReadOnlyList<string> inputs, params (string Name, object Value)[] attributes)
    {
        UsesMl = true;
        return NodeIn("ai.onnx.ml", opType, inputs, attributes);
    }

    private string NodeIn(string domain, string opType, IReadOnlyList<string> inputs, (string Name, object Value)[] attributes)
    {
        string output = Fresh(opType);
        var node = new NodeProto { OpType = opType, Name = output, Domain = domain };
        node.Input.Add(inputs);
        node.Output.Add(output);
        foreach (var (name, value) in attributes)
            node.Attribute.Add(value switch
            {
                float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
                int or long => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = Convert.ToInt64(value, CultureInfo.InvariantCulture) },
                string text => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(text) },
                float[] floats => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats, Floats = { floats } },
                long[] longs => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { longs } },
                string[] texts => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Strings, Strings = { texts.Select(ByteString.CopyFromUtf8) } },
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
        _floats.Add(new FloatInitializer(tensor, values));
        return tensor.Name;
    }

    /// <summary>The float initializers, their values not yet in their protos: written as raw_data when the model is (<see cref="OnnxModelWriter"/>),
    /// so that no copy of all the weights is ever held.</summary>
    internal IReadOnlyList<FloatInitializer> Floats => _floats;

    private readonly List<FloatInitializer> _floats = [];

    /// <summary>An int64 constant of shape <paramref name="dims"/> (a shape for Reshape).</summary>
    internal string LongConstant(string hint, IReadOnlyList<long> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(dims);
        tensor.Int64Data.Add(values);
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
