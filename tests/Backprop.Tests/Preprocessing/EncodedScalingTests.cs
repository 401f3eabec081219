using Backprop.Training;

namespace Backprop.Tests.Preprocessing;

/// <summary>The feature scaler rescales measurements only: one-hot and missing-indicator inputs stay 0 or 1, so an unseen level reaches the network as zeros.</summary>
public class EncodedScalingTests
{
    [Fact]
    public void OneHotAndIndicatorInputsAreLeftUnscaled()
    {
        var data = TableText.Load(TableText.Mixed, new Backprop.Data.CsvOptions { Target = "label", MissingIndicator = true });
        var network = Network<double>.For(data, hidden: [4]);
        network.Fit(data.Data, new TrainOptions { Epochs = 1 });
        var scaler = network.Scaler!;
        var names = data.FeatureNames;
        for (int j = 0; j < names.Count; j++)
        {
            bool indicator = names[j].StartsWith("city=", StringComparison.Ordinal) || names[j].EndsWith("(missing)", StringComparison.Ordinal);
            Assert.True(indicator == (scaler.Offsets[j] == 0 && scaler.Scales[j] == 1), $"{names[j]}: offset {scaler.Offsets[j]}, scale {scaler.Scales[j]}");
        }
    }
}
