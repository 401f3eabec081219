using Backprop.Tensors;

namespace Backprop.Data.Scalings;

/// <summary>x' = (x − min) / (max − min) per feature over the training rows (range 1 for a constant feature).</summary>
public sealed class MinMaxScale : Scaling
{
    /// <inheritdoc/>
    public override string Name => MinMaxScaler.Name;

    /// <inheritdoc/>
    public override Scaler? Fit<T>(Tensor<T> x) => MinMaxScaler.Fit(x);

    internal override Scaler? Fit<T>(Dataset<T> train) => MinMaxScaler.Fit(train.FeatureRows);

    /// <inheritdoc/>
    public override Scaler Restore(double[] offsets, double[] scales) => new MinMaxScaler(offsets, scales);
}
