using Backprop.Nn;
using Backprop.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.MLNet.Tasks;

/// <summary>
/// Regression, as ML.NET's regression trainers: a Single label (a NaN label is skipped); mean squared error on the label
/// standardised for training; outputs Score, the prediction in the label's units.
/// </summary>
internal sealed class RegressionTask : MlpTask
{
    public const string TaskName = "regression";

    public override string Name => TaskName;
    public override TaskKind Kind => TaskKind.Regression;
    protected override string ExpectedLabel => "Single";
    protected override bool Accepts(ColumnShape label) => label.IsScalar(NumberDataViewType.Single);
    public override Loss Loss => new MeanSquaredError();
    public override bool Probabilities => false;
    public override int Outputs(DataViewSchema.Column label) => 1;

    public override Func<float> Target(DataViewRow row, DataViewSchema.Column label)
    {
        var get = row.GetGetter<float>(label);
        float value = 0;
        return () => { get(ref value); return value; };
    }

    public override IEstimator<ITransformer> Mapping(MLContext ml, RowModel model, string featureColumn) =>
        Map<RegressionRow>(ml, model, featureColumn, (source, row) =>
        {
            Span<float> score = stackalloc float[1];
            model.Run(source.Features, score);
            row.Score = score[0];
        }, SchemaDefinition.Create(typeof(RegressionRow)));
}

/// <summary>The column a regression prediction adds.</summary>
internal sealed class RegressionRow
{
    /// <summary>The predicted value.</summary>
    public float Score;
}
