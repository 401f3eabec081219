namespace Backprop.MLNet;

/// <summary>The input of the row mapping: the feature vector (its column name and size are set per model by a schema definition).</summary>
internal sealed class FeaturesRow
{
    /// <summary>The features of one row.</summary>
    public float[] Features = [];
}
