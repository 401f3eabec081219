using Backprop.Nn;
using Backprop.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tasks;

/// <summary>
/// What differs between multi-class, binary and regression training in ML.NET: the label type the trainer takes, how a label becomes a
/// target, the loss, and the columns a prediction adds (the ones ML.NET's evaluators read). One subclass per task, one file each.
/// </summary>
internal abstract class MlpTask
{
    /// <summary>The task's name, stored with the model.</summary>
    public abstract string Name { get; }

    /// <summary>The task (<see cref="TaskKind.Binary"/> for a boolean label), for the model file (which spells binary as classification).</summary>
    public abstract TaskKind Kind { get; }

    /// <summary>The label type in ML.NET's words (Key&lt;UInt32&gt;, Boolean, Single).</summary>
    protected abstract string ExpectedLabel { get; }

    /// <summary>True when the label column has the type this task trains on.</summary>
    protected abstract bool Accepts(ColumnShape label);

    /// <summary>The loss the network trains against.</summary>
    public abstract Loss Loss { get; }

    /// <summary>True when predictions are probabilities (softmax); false when they are the raw outputs.</summary>
    public abstract bool Probabilities { get; }

    /// <summary>The network's outputs for this label column.</summary>
    public abstract int Outputs(DataViewSchema.Column label);

    /// <summary>The class names the label column carries (ML.NET's KeyValues as text), or null.</summary>
    public virtual IReadOnlyList<string>? ClassNames(DataViewSchema.Column label) => null;

    /// <summary>What else about the label the model keeps (in its metadata's other entries) to annotate predictions as the label was.</summary>
    public virtual IReadOnlyDictionary<string, string> LabelFacts(DataViewSchema.Column label) => new Dictionary<string, string>();

    /// <summary>Reads the label of the cursor's current row as a training target; NaN for a missing label (the row is skipped).</summary>
    public abstract Func<float> Target(DataViewRow row, DataViewSchema.Column label);

    /// <summary>The ML.NET estimator (a CustomMapping) whose transformer adds the prediction columns, computed by <paramref name="model"/> from <paramref name="featureColumn"/>.</summary>
    public abstract IEstimator<ITransformer> Mapping(MLContext ml, RowModel model, string featureColumn);

    /// <summary>The transformer of <see cref="Mapping"/>, made without reading data.</summary>
    public ITransformer Transformer(MLContext ml, RowModel model, string featureColumn) =>
        Mapping(ml, model, featureColumn).Fit(ml.Data.LoadFromEnumerable(Array.Empty<FeaturesRow>(), Input(featureColumn, model.Features)));

    /// <summary>Throws ML.NET's schema error unless the label column exists and has this task's type.</summary>
    public void CheckLabel(ColumnShape label, string name)
    {
        if (!Accepts(label)) throw SchemaChecks.Mismatch("label", name, ExpectedLabel, label.ToString());
    }

    /// <summary>The task a saved model names.</summary>
    public static MlpTask? Named(string? name) => name switch
    {
        MulticlassTask.TaskName => new MulticlassTask(),
        BinaryTask.TaskName => new BinaryTask(),
        RegressionTask.TaskName => new RegressionTask(),
        _ => null,
    };

    /// <summary>A CustomMapping of the feature column (declared as a known-size vector) to <typeparamref name="TRow"/>, saved under
    /// <see cref="MlpPlaceholder.ContractName"/>.</summary>
    protected static IEstimator<ITransformer> Map<TRow>(MLContext ml, RowModel model, string featureColumn, Action<FeaturesRow, TRow> map, SchemaDefinition output)
        where TRow : class, new() =>
        ml.Transforms.CustomMapping(map, MlpPlaceholder.ContractName, Input(featureColumn, model.Features), output);

    // The feature column under its own name, as a known-size vector.
    private static SchemaDefinition Input(string featureColumn, int features)
    {
        var input = SchemaDefinition.Create(typeof(FeaturesRow));
        input[nameof(FeaturesRow.Features)].ColumnName = featureColumn;
        input[nameof(FeaturesRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        return input;
    }

    /// <summary>ML.NET's annotation kinds for the names of a vector's slots and of a key's values.</summary>
    protected const string SlotNames = "SlotNames", KeyValues = "KeyValues";

    /// <summary>Names as an ML.NET text vector annotation (SlotNames, KeyValues).</summary>
    protected static void Annotate(SchemaDefinition.Column column, string kind, IReadOnlyList<string> names) =>
        column.AddAnnotation(kind, new VBuffer<ReadOnlyMemory<char>>(names.Count, [.. names.Select(n => n.AsMemory())]),
            new VectorDataViewType(TextDataViewType.Instance, names.Count));
}
