using Backprop.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Backprop.Tests.MLNet;

/// <summary>A wrong or missing column gets the error ML.NET's own trainers give, word for word.</summary>
public class MlpSchemaTests
{
    private sealed class DoubleRow
    {
        [VectorType(2)] public double[] Features = [];
        public bool Label;
    }

    private sealed class VariableRow
    {
        [VectorType] public float[] Features = [];
        public string Label = "";
    }

    private sealed class TextLabelRow
    {
        [VectorType(2)] public float[] Features = [];
        public string Label = "";
    }

    private static readonly MLContext Ml = new(seed: 1);

    private static string MessageOf(Action action) => Assert.ThrowsAny<ArgumentOutOfRangeException>(action).Message;

    [Fact]
    public void A_feature_column_of_doubles_gets_ML_NETs_wording_from_Fit_and_from_the_pipeline()
    {
        var data = Ml.Data.LoadFromEnumerable([new DoubleRow { Features = [1, 2], Label = true }]);
        const string expected = "Schema mismatch for feature column 'Features': expected Vector<Single>, got Vector<Double> (Parameter 'inputSchema')";
        Assert.Equal(expected, MessageOf(() => Ml.BinaryClassification.Trainers.Mlp().Fit(data)));
        Assert.Equal(expected, MessageOf(() => Ml.Transforms.CopyColumns("Copy", "Label").Append(Ml.BinaryClassification.Trainers.Mlp()).Fit(data)));
        // ML.NET's own trainer, for the same mistake: the same text
        Assert.Equal(expected, MessageOf(() => Ml.BinaryClassification.Trainers.SdcaLogisticRegression().Fit(data)));
    }

    [Fact]
    public void A_variable_size_vector_and_a_text_label_are_refused_as_ML_NET_refuses_them()
    {
        var data = Ml.Data.LoadFromEnumerable([new VariableRow { Features = [1, 2], Label = "a" }]);
        Assert.Equal("Schema mismatch for feature column 'Features': expected Vector<Single>, got VarVector<Single> (Parameter 'inputSchema')",
            MessageOf(() => Ml.MulticlassClassification.Trainers.Mlp().Fit(data)));
        var fixedSize = Ml.Data.LoadFromEnumerable([new TextLabelRow { Features = [1, 2], Label = "a" }]);
        string ours = MessageOf(() => Ml.MulticlassClassification.Trainers.Mlp().Fit(fixedSize));
        Assert.Equal("Schema mismatch for label column 'Label': expected Key<UInt32>, got String (Parameter 'inputSchema')", ours);
        Assert.Equal(MessageOf(() => Ml.MulticlassClassification.Trainers.SdcaMaximumEntropy().Fit(fixedSize)).Replace("labelCol", "inputSchema"), ours);
    }

    [Fact]
    public void Binary_wants_a_Boolean_label_regression_a_Single_and_a_missing_column_is_named()
    {
        var data = Ml.Data.LoadFromEnumerable(MlNetData.Rows(4, seed: 1));
        Assert.Equal("Schema mismatch for label column 'Value': expected Boolean, got Single (Parameter 'inputSchema')",
            MessageOf(() => Ml.BinaryClassification.Trainers.Mlp("Value").Fit(data)));
        Assert.Equal("Schema mismatch for label column 'Flag': expected Single, got Boolean (Parameter 'inputSchema')",
            MessageOf(() => Ml.Regression.Trainers.Mlp("Flag").Fit(data)));
        Assert.Equal("Could not find feature column 'Pixels' (Parameter 'inputSchema')",
            MessageOf(() => Ml.Regression.Trainers.Mlp("Value", "Pixels").Fit(data)));
        Assert.Equal("Could not find label column 'Label' (Parameter 'inputSchema')",
            MessageOf(() => Ml.Regression.Trainers.Mlp().Fit(data)));
    }

    private sealed class KeyRow
    {
        [VectorType(2)] public float[] Features = [];
        public uint Label;
    }

    [Fact]
    public void A_label_key_of_millions_of_values_is_refused_before_a_row_is_read()
    {
        int read = 0;
        IEnumerable<KeyRow> Rows() { for (uint i = 0; i < 10; i++) { read++; yield return new KeyRow { Features = [i, 1], Label = i % 3 }; } }
        var schema = SchemaDefinition.Create(typeof(KeyRow));
        schema[nameof(KeyRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), 50_000_000);
        var data = Ml.Data.LoadFromEnumerable(Rows(), schema);
        var e = Assert.Throws<Errors.BackpropException>(() => Ml.MulticlassClassification.Trainers.Mlp(options: new MlpOptions { HiddenLayers = [8] }).Fit(data));
        Assert.Equal(Errors.ErrorKind.Setting, e.Kind);
        Assert.Equal("MLP trainer: feature column 'Features' and label column 'Label': layers 2-8-50000000 have 450,000,024 parameters, "
            + "more than the budget of 100,000,000 (BACKPROP_MAX_PARAMETERS sets another).", e.Message);
        Assert.Equal(0, read);
    }

    [Fact]
    public void A_trained_model_refuses_features_of_another_width()
    {
        var data = Ml.Data.LoadFromEnumerable(MlNetData.Rows(64, seed: 2));
        var model = Ml.Regression.Trainers.Mlp("Value", options: new MlpOptions { Epochs = 1 }).Fit(data);
        var wider = Ml.Transforms.Concatenate("Features", "Features", "Value").Fit(data).Transform(data);
        Assert.Equal("Schema mismatch for feature column 'Features': expected Vector<Single, 2>, got Vector<Single, 3> (Parameter 'inputSchema')",
            MessageOf(() => model.Transform(wider)));
    }
}
