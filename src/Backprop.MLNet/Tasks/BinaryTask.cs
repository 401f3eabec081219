using Backprop.Nn;
using Backprop.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tasks;

/// <summary>
/// Binary classification, as ML.NET's binary trainers: a Boolean label; one output trained by binary cross-entropy on the logit;
/// outputs Score (the logit, ML.NET's raw score), Probability (its sigmoid, σ(s) = 1/(1 + e⁻ˢ)) and PredictedLabel (Score &gt; 0).
/// </summary>
internal sealed class BinaryTask : MlpTask
{
    public const string TaskName = "binary";

    public override string Name => TaskName;
    public override TaskKind Kind => TaskKind.Binary;
    protected override string ExpectedLabel => "Boolean";
    protected override bool Accepts(ColumnShape label) => label.IsScalar(BooleanDataViewType.Instance);
    public override Loss Loss => new BinaryCrossEntropy();
    public override bool Probabilities => false;
    public override int Outputs(DataViewSchema.Column label) => 1;
    public override IReadOnlyList<string>? ClassNames(DataViewSchema.Column label) => ["False", "True"];

    public override Func<float> Target(DataViewRow row, DataViewSchema.Column label)
    {
        var get = row.GetGetter<bool>(label);
        bool value = false;
        return () => { get(ref value); return value ? 1 : 0; };
    }

    public override IEstimator<ITransformer> Mapping(MLContext ml, RowModel model, string featureColumn)
    {
        var output = SchemaDefinition.Create(typeof(BinaryRow));
        return Map<BinaryRow>(ml, model, featureColumn, (source, row) =>
        {
            Span<float> score = stackalloc float[1];
            model.Run(source.Features, score);
            row.Score = score[0];
            row.Probability = (float)(1 / (1 + Math.Exp(-score[0])));
            row.PredictedLabel = score[0] > 0;
        }, output);
    }
}

/// <summary>The columns a binary prediction adds.</summary>
internal sealed class BinaryRow
{
    /// <summary>The logit.</summary>
    public float Score;

    /// <summary>The probability of true.</summary>
    public float Probability;

    /// <summary>True when the probability is above one half.</summary>
    public bool PredictedLabel;
}
