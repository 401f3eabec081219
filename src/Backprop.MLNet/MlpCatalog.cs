using Backprop.MLNet.Tasks;
using Microsoft.ML;

namespace Backprop.MLNet;

/// <summary>
/// The MLP trainers in ML.NET's catalogs, used as ML.NET's own trainers are:
/// <c>mlContext.MulticlassClassification.Trainers.Mlp("Label", "Features", new MlpOptions { HiddenLayers = [32] })</c>.
/// </summary>
public static class MlpCatalog
{
    /// <summary>
    /// A multi-class MLP: the label a key (e.g. from <c>MapValueToKey</c>), the features a known-size vector of Single; adds Score (class
    /// probabilities) and PredictedLabel (a key with the label's key values), which <c>MulticlassClassification.Evaluate</c> reads.
    /// </summary>
    public static MlpEstimator Mlp(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", MlpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpEstimator(new MulticlassTask(), labelColumnName, featureColumnName, options);
    }

    /// <summary>
    /// A binary MLP: a Boolean label, the features a known-size vector of Single; adds Score (the logit), Probability and PredictedLabel,
    /// which <c>BinaryClassification.Evaluate</c> reads.
    /// </summary>
    public static MlpEstimator Mlp(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", MlpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpEstimator(new BinaryTask(), labelColumnName, featureColumnName, options);
    }

    /// <summary>
    /// A regression MLP: a Single label, the features a known-size vector of Single; adds Score in the label's units, which
    /// <c>Regression.Evaluate</c> reads.
    /// </summary>
    public static MlpEstimator Mlp(this RegressionCatalog.RegressionTrainers catalog,
        string labelColumnName = "Label", string featureColumnName = "Features", MlpOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new MlpEstimator(new RegressionTask(), labelColumnName, featureColumnName, options);
    }
}
