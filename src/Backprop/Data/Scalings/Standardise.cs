using Backprop.Tensors;

namespace Backprop.Data.Scalings;

/// <summary>x' = (x − mean) / sd per feature, mean and population sd over the training rows (sd 1 for a constant feature).</summary>
public sealed class Standardise : Scaling
{
    /// <inheritdoc/>
    public override string Name => StandardScaler.Name;

    /// <inheritdoc/>
    public override Scaler? Fit<T>(Tensor<T> x) => StandardScaler.Fit(x);

    internal override Scaler? Fit<T>(Dataset<T> train) => StandardScaler.Fit(train.FeatureRows);

    /// <inheritdoc/>
    public override Scaler Restore(double[] offsets, double[] scales) => new StandardScaler(offsets, scales);
}
