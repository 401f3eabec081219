using System.Numerics;
using Backprop.Data.Scalings;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// A kind of per-feature scaler, x' = (x − offset) / scale: how the offsets and scales are fitted on the training rows, and the
/// <see cref="Scaler"/> a model file's state (kind, offsets, scales) restores. Each kind is registered by name in
/// <see cref="Scalers.Registry"/> (<c>--scale</c>, the model file's scaler <c>kind</c>, <c>Network.For</c>); the built-ins are also
/// the static properties below. Two scalings are equal when their names are.
/// </summary>
public abstract class Scaling : IEquatable<Scaling>
{
    /// <summary>The registered name, written as the model file's scaler <c>kind</c> (<c>standard</c>).</summary>
    public abstract string Name { get; }

    /// <summary>A scaler fitted on the rows of <paramref name="x"/> [N, F] (the training features only), or null when this kind leaves features alone.</summary>
    public abstract Scaler? Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>A scaler fitted on <paramref name="train"/>'s feature rows, read where they are stored (a split's part is not gathered by
    /// the built-in scalings); a user's scaling gets <see cref="Dataset{T}.X"/>.</summary>
    internal virtual Scaler? Fit<T>(Dataset<T> train) where T : unmanaged, IFloatingPointIeee754<T> => Fit(train.X);

    /// <summary>The fitted scaler of this kind with <paramref name="offsets"/> and <paramref name="scales"/> (from a model file): a plain <see cref="Scaler"/> unless overridden.</summary>
    /// <exception cref="ArgumentException">A value is not finite or a scale is 0.</exception>
    public virtual Scaler Restore(double[] offsets, double[] scales) => new(Name, offsets, scales);

    /// <summary>Features as they are.</summary>
    public static Scaling None { get; } = new NoScaling();

    /// <summary>x' = (x − mean) / standard deviation (<see cref="StandardScaler"/>, scikit-learn's <c>StandardScaler</c>).</summary>
    public static Scaling Standard { get; } = new Standardise();

    /// <summary>x' = (x − min) / (max − min) (<see cref="MinMaxScaler"/>, scikit-learn's <c>MinMaxScaler</c>).</summary>
    public static Scaling MinMax { get; } = new MinMaxScale();

    /// <inheritdoc/>
    public bool Equals(Scaling? other) => other is not null && other.Name == Name;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Scaling);

    /// <inheritdoc/>
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);

    /// <summary>The name.</summary>
    public override string ToString() => Name;

    /// <summary>True when both are null or have the same name.</summary>
    public static bool operator ==(Scaling? a, Scaling? b) => a is null ? b is null : a.Equals(b);

    /// <summary>False when both are null or have the same name.</summary>
    public static bool operator !=(Scaling? a, Scaling? b) => !(a == b);
}
