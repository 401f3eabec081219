using Backprop.Errors;
using Backprop.MLNet.Tasks;
using Backprop.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet;

/// <summary>
/// A trained MLP in an ML.NET pipeline: adds the columns ML.NET's evaluators read — Score (class probabilities) and PredictedLabel (a
/// key) for multi-class; Score (the logit), Probability and PredictedLabel (Boolean) for binary; Score for regression — computed row by row
/// (lazily, as ML.NET's cursors ask; <c>CreatePredictionEngine</c> works). ML.NET saves outside transformers only through a registered
/// CustomMapping that holds no weights, so save a pipeline holding one with <c>mlContext.Model.SaveWithBackprop</c> and load it with
/// <c>LoadWithBackprop</c>, which keep the weights inside the same .zip (docs/interop.md, "ML.NET").
/// </summary>
public sealed class MlpTransformer : ITransformer
{
    internal const string TaskKey = "mlnet_task", FeatureColumnKey = "mlnet_feature_column";

    private readonly MlpTask _task;
    private readonly ITransformer _mapping;

    internal MlpTransformer(Network<float> network, MlpTask task, string featureColumnName)
    {
        Network = network;
        _task = task;
        FeatureColumnName = featureColumnName;
        _mapping = task.Transformer(new MLContext(), new RowModel(network, task.Probabilities), featureColumnName);
    }

    /// <summary>The trained network, with its feature scaler (and target scaler for regression) and metadata: <c>Network.Save</c>
    /// writes the library's model file, which <c>backprop predict</c>, <c>OnnxExport</c> and PyTorch read.</summary>
    public Network<float> Network { get; }

    /// <summary>The feature column read.</summary>
    public string FeatureColumnName { get; }

    /// <inheritdoc/>
    public bool IsRowToRowMapper => _mapping.IsRowToRowMapper;

    /// <inheritdoc/>
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema)
    {
        Check(inputSchema);
        return _mapping.GetOutputSchema(inputSchema);
    }

    /// <inheritdoc/>
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema)
    {
        Check(inputSchema);
        return _mapping.GetRowToRowMapper(inputSchema);
    }

    /// <inheritdoc/>
    public IDataView Transform(IDataView input)
    {
        Check(input.Schema);
        return _mapping.Transform(input);
    }

    /// <summary>Writes what ML.NET can hold of it: a CustomMapping under its contract name, without the weights (see the class remarks).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => _mapping.Save(ctx);

    /// <summary>The transformer a model file saved by <c>SaveWithBackprop</c> describes.</summary>
    internal static MlpTransformer From(Network<float> network, string name)
    {
        network.Metadata.Other.TryGetValue(TaskKey, out var taskName);
        network.Metadata.Other.TryGetValue(FeatureColumnKey, out var featureColumn);
        var task = MlpTask.Named(taskName)
            ?? throw BackpropException.BadInput($"{name}: not an ML.NET MLP: its metadata names no task ({TaskKey} is '{taskName}').");
        return new MlpTransformer(network, task, featureColumn
            ?? throw BackpropException.BadInput($"{name}: not an ML.NET MLP: its metadata names no feature column ({FeatureColumnKey})."));
    }

    private void Check(DataViewSchema schema)
    {
        SchemaChecks.CheckFeatures(SchemaChecks.Find(schema, "feature", FeatureColumnName), FeatureColumnName);
        int size = ((VectorDataViewType)schema[FeatureColumnName].Type).Size, inputs = Nn.Mlp.Sizes(Network.Model)[0];
        if (size != inputs)
            throw SchemaChecks.Mismatch("feature", FeatureColumnName, $"Vector<Single, {inputs}>", $"Vector<Single, {size}>");
    }
}
