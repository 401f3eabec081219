using System.Numerics;
using System.Text.Json;
using Backprop.Data;
using Backprop.Errors;
using Backprop.IO;
using Backprop.Nn;
using Backprop.Onnx.Proto;
using Backprop.Tensors;
using Backprop.Training;
using Google.Protobuf;

namespace Backprop.Onnx;

/// <summary>
/// Writes a network as an ONNX model (opset 17, IR version 8) that ONNX Runtime runs: input <c>features</c> [N, F] of raw float
/// features — or, for a model with column encoders, one input per original column named as the column (strings [N, 1] for categories and
/// true/false words, "" missing; floats [N, 1] for numbers, NaN missing; floats [N, 4] for a date's year, month, day of week and day of
/// year) and the encoders' nodes (LabelEncoder, Equal, IsNaN, Where) — (the feature scaler is inside, as Sub and Div), then each module's own nodes (<see cref="Module{T}.WriteOnnx"/>: Gemm and
/// the activation for Dense, BatchNormalization, LayerNormalization, Add around a residual block, nothing for Dropout), and one output: <c>probabilities</c> [N, K] for classification (Softmax over the
/// logits for softmax_ce; for bce_logits Sigmoid of the one logit, the probability of class 1, [N, 1]) or <c>prediction</c> [N, T]
/// in the targets' units (the target scaler undone by Mul and Add). N is dynamic. The metadata holds the library version, the
/// task, the loss and the feature, class and target names.
/// </summary>
public static class OnnxExport
{
    /// <summary>The ai.onnx operator set the graph uses.</summary>
    public const int Opset = 17;

    /// <summary>The ai.onnx.ml operator set the column encoders use (LabelEncoder with float values).</summary>
    public const int MlOpset = 2;

    /// <summary>The ONNX IR version written (ONNX 1.10's, run by every ONNX Runtime since 1.10).</summary>
    public const int IrVersion = 8;

    /// <summary>The input's name: raw features [N, F].</summary>
    public const string Input = "features";

    /// <summary>The output's name for classification: class probabilities [N, K] ([N, 1], class 1's, for bce_logits).</summary>
    public const string Probabilities = "probabilities";

    /// <summary>The output's name for regression: predicted values [N, T] in target units.</summary>
    public const string Prediction = "prediction";

    /// <summary>Writes <paramref name="network"/> to <paramref name="path"/> (temporary file, then renamed).</summary>
    /// <exception cref="BackpropException">A layer, activation or loss ONNX cannot express (the message names it), or the file cannot be written.</exception>
    public static void Save<T>(Network<T> network, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (model, graph) = Build(network, "ONNX export");
        AtomicFile.Write(path, stream => OnnxModelWriter.Write(model, graph, stream));
    }

    /// <summary>Exports the model file <paramref name="modelPath"/> (as <see cref="Network{T}.Load"/> reads it) to <paramref name="onnxPath"/>.</summary>
    /// <exception cref="BackpropException">The model file cannot be read, holds what ONNX cannot express, or the ONNX file cannot be written.</exception>
    public static void Save(string modelPath, string onnxPath)
    {
        var (model, graph) = Build(Network<float>.Load(modelPath), modelPath);
        AtomicFile.Write(onnxPath, stream => OnnxModelWriter.Write(model, graph, stream)); // the weights streamed from the model: no copy of them
    }

    /// <summary>The ONNX model's bytes, e.g. for <c>new InferenceSession(bytes)</c>.</summary>
    /// <exception cref="BackpropException">A layer, activation or loss ONNX cannot express.</exception>
    public static byte[] ToBytes<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T> => ToModel(network, "ONNX export").ToByteArray();

    // The whole model in memory: graph, operator set, names and metadata, float initializers as raw_data; errors start with where.
    internal static ModelProto ToModel<T>(Network<T> network, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (model, graph) = Build(network, where);
        return OnnxModelWriter.Complete(model, graph);
    }

    // The model without its graph, and the graph, whose float initializers still read the network's weights (OnnxModelWriter writes both).
    private static (ModelProto Model, OnnxGraph Graph) Build<T>(Network<T> network, string where) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (network.Model.InputWidth is not int inputs) throw BackpropException.BadInput($"{where}: the model {network.Model} does not say how many inputs it takes.");
        int outputs = network.Model.OutputWidth(inputs);
        var graph = new OnnxGraph();
        string x;
        if (network.Metadata.Schema?.Encoders is { } encoders)
        {
            var encoding = Preprocessing.ColumnEncoding.Restore(encoders);
            if (encoding.Width != inputs) throw BackpropException.BadInput($"{where}: the column encoders make {encoding.Width} inputs; the model takes {inputs}.");
            x = encoding.WriteOnnx(graph, (name, strings, width) => graph.Proto.Input.Add(Value(name, width, strings)));
        }
        else
        {
            graph.Proto.Input.Add(Value(Input, inputs));
            x = Input;
        }
        x = Scaled(graph, network.Scaler, x);
        try { x = network.Model.WriteOnnx(graph, x)!; }
        catch (NotSupportedException e) { throw BackpropException.BadInput($"{where}: {e.Message}.", e); }
        string output = network.Loss.IsClassification ? Probabilities : Prediction;
        graph.Name(Outputs(graph, network, x), output);
        graph.Proto.Output.Add(Value(output, outputs));

        var model = new ModelProto
        {
            IrVersion = IrVersion, ProducerName = "backprop", ProducerVersion = ModelMetadata.LibraryVersion,
            DocString = $"{network.Model}; loss {network.Loss.Name}",
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        if (graph.UsesMl) model.OpsetImport.Add(new OperatorSetIdProto { Domain = "ai.onnx.ml", Version = MlOpset });
        model.MetadataProps.Add(Metadata(network).Select(p => new StringStringEntryProto { Key = p.Key, Value = p.Value }));
        return (model, graph);
    }

    /// <summary>The metadata props written: <c>backprop_version</c>, <c>task</c>, <c>loss</c>, and when known <c>feature_names</c>,
    /// <c>class_names</c> (JSON arrays of strings) and <c>target_name</c>.</summary>
    public static IReadOnlyDictionary<string, string> Metadata<T>(Network<T> network) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var meta = network.Metadata;
        var task = meta.Task ?? (network.Loss.IsClassification ? TaskKind.Classification : TaskKind.Regression);
        var props = new Dictionary<string, string>
        {
            ["backprop_version"] = ModelMetadata.LibraryVersion,
            ["task"] = task.FileName(),
            ["loss"] = network.Loss.Name,
        };
        if (meta.FeatureNames is { } features) props["feature_names"] = JsonSerializer.Serialize(features, Backprop.IO.PlainJson.Default.IReadOnlyListString);
        if (meta.ClassNames is { } classes) props["class_names"] = JsonSerializer.Serialize(classes, Backprop.IO.PlainJson.Default.IReadOnlyListString);
        if (meta.TargetName is { } target) props["target_name"] = target;
        if (meta.Schema is { MoreTargetColumns.Count: > 0 } several) props["target_names"] = JsonSerializer.Serialize(several.TargetNames, Backprop.IO.PlainJson.Default.IReadOnlyListString); // one output column each
        return props;
    }

    // x' = (x − offset) / scale per feature, or x when there is no scaler.
    private static string Scaled(OnnxGraph graph, Scaler? scaler, string x) => scaler is null ? x
        : graph.Node("Div", [graph.Node("Sub", [x, Row(graph, "offset", scaler.Offsets)]), Row(graph, "scale", scaler.Scales)]);

    // What Network.Predict turns the last layer's output into: the loss's declared ops (probabilities), then target units if scaled (y = y'·scale + offset).
    private static string Outputs<T>(OnnxGraph graph, Network<T> network, string x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        foreach (var op in network.Loss.OnnxOutputOps) x = graph.Node(op, [x]);
        return network.TargetScaler is { } t && !network.Loss.IsClassification
            ? graph.Node("Add", [graph.Node("Mul", [x, Row(graph, "target_scale", t.Scales)]), Row(graph, "target_offset", t.Offsets)]) : x;
    }

    // A [1, n] row broadcast over the batch.
    private static string Row(OnnxGraph graph, string hint, IReadOnlyList<double> values) =>
        graph.Constant(hint, [.. values.Select(v => (float)v)], 1, values.Count);

    // A float (or string) tensor [N, width] with N dynamic.
    private static ValueInfoProto Value(string name, int width, bool strings = false)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "N" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)(strings ? TensorProto.Types.DataType.String : TensorProto.Types.DataType.Float), Shape = shape } } };
    }
}
