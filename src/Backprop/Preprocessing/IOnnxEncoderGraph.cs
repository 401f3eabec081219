namespace Backprop.Preprocessing;

/// <summary>What a column encoder needs of an ONNX graph beyond a module's (<see cref="Nn.IOnnxGraph"/>): <c>ai.onnx.ml</c> nodes
/// (LabelEncoder) with string and list attributes, and int64 constants (shapes).</summary>
internal interface IOnnxEncoderGraph : Nn.IOnnxGraph
{
    /// <summary>Adds an <c>ai.onnx.ml</c> node; attributes may also be string, string[], float[] or long[].</summary>
    string MlNode(string opType, IReadOnlyList<string> inputs, params (string Name, object Value)[] attributes);

    /// <summary>Adds an int64 constant of shape <paramref name="dims"/>.</summary>
    string LongConstant(string hint, IReadOnlyList<long> values, params long[] dims);
}
