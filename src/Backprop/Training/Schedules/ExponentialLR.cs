namespace Backprop.Training.Schedules;

/// <summary>PyTorch's <c>ExponentialLR</c>, per epoch: η_t = η₀ · γ^t.</summary>
public sealed class ExponentialLR : LearningRateSchedule
{
    /// <summary>Multiplies the rate by <paramref name="gamma"/> ∈ (0, 1] after every epoch.</summary>
    public ExponentialLR(double gamma) : base(perStep: false) => Gamma = CheckFactor(gamma, nameof(ExponentialLR), "gamma");

    /// <summary>The decay factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) => baseRate * Math.Pow(Gamma, t);
}
