using Backprop.Nn;
using Backprop.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tasks;

/// <summary>
/// Multi-class classification, as ML.NET's multi-class trainers: the label is a key (usually from <c>MapValueToKey</c>), key k is class
/// k − 1; softmax cross-entropy; outputs Score (the class probabilities, a vector with the classes as slot names) and PredictedLabel
/// (the key of the most probable class, with the label's key values).
/// </summary>
internal sealed class MulticlassTask : MlpTask
{
    public const string TaskName = "multiclass";

    public override string Name => TaskName;
    public override TaskKind Kind => TaskKind.Classification;
    protected override string ExpectedLabel => "Key<UInt32>";
    protected override bool Accepts(ColumnShape label) => label.IsScalar(NumberDataViewType.UInt32, key: true);
    public override Loss Loss => new CrossEntropy();
    public override bool Probabilities => true;

    public override int Outputs(DataViewSchema.Column label) => ((KeyDataViewType)label.Type).Count is var k && k >= 2 && k <= int.MaxValue ? (int)k
        : throw Errors.BackpropException.BadInput($"MLP trainer: the label column '{label.Name}' is a key of {k} values; multi-class training needs 2 or more.");

    public override IReadOnlyList<string>? ClassNames(DataViewSchema.Column label) => KeyValueNames.Read(label).Names;

    public override IReadOnlyDictionary<string, string> LabelFacts(DataViewSchema.Column label) =>
        KeyValueNames.Read(label).Type is { } type ? new Dictionary<string, string> { [KeyValueNames.TypeKey] = type } : base.LabelFacts(label);

    public override Func<float> Target(DataViewRow row, DataViewSchema.Column label)
    {
        var get = row.GetGetter<uint>(label);
        uint key = 0;
        return () => { get(ref key); return key == 0 ? float.NaN : key - 1; }; // key 0 is a missing value
    }

    public override IEstimator<ITransformer> Mapping(MLContext ml, RowModel model, string featureColumn)
    {
        int k = model.Outputs;
        var output = SchemaDefinition.Create(typeof(MulticlassRow));
        output[nameof(MulticlassRow.Score)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, k);
        output[nameof(MulticlassRow.PredictedLabel)].ColumnType = new KeyDataViewType(typeof(uint), k);
        if (model.Network.ClassNames is { } names && names.Count == k)
        {
            Annotate(output[nameof(MulticlassRow.Score)], SlotNames, names);
            KeyValueNames.Annotate(output[nameof(MulticlassRow.PredictedLabel)], names, model.Network.Metadata.Other.GetValueOrDefault(KeyValueNames.TypeKey));
        }
        return Map<MulticlassRow>(ml, model, featureColumn, (source, row) =>
        {
            if (row.Score.Length != k) row.Score = new float[k];
            model.Run(source.Features, row.Score);
            int best = 0;
            for (int c = 1; c < k; c++) if (row.Score[c] > row.Score[best]) best = c;
            row.PredictedLabel = (uint)best; // a key field of a row class counts from 0; ML.NET stores it as key best + 1
        }, output);
    }
}

/// <summary>The columns a multi-class prediction adds.</summary>
internal sealed class MulticlassRow
{
    /// <summary>Class probabilities.</summary>
    public float[] Score = [];

    /// <summary>The most probable class, counted from 0 (ML.NET makes it the key one higher).</summary>
    public uint PredictedLabel;
}
