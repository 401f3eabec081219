using Backprop.Tensors;

namespace Backprop.Data.Scalings;

/// <summary>x' = x: no scaler is fitted, and none is saved.</summary>
public sealed class NoScaling : Scaling
{
    /// <inheritdoc/>
    public override string Name => "none";

    /// <summary>Null: the features stay as they are.</summary>
    public override Scaler? Fit<T>(Tensor<T> x) => null;

    /// <summary>Throws: a model without scaling saves no scaler state.</summary>
    public override Scaler Restore(double[] offsets, double[] scales) => throw new FormatException("A scaler of kind 'none' has no state to restore.");
}
