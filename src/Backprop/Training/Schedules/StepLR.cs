namespace Backprop.Training.Schedules;

/// <summary>PyTorch's <c>StepLR</c>, per epoch: η_t = η₀ · γ^⌊t / step_size⌋ (decay by γ every <see cref="StepSize"/> epochs).</summary>
public sealed class StepLR : LearningRateSchedule
{
    /// <summary>Multiplies the rate by <paramref name="gamma"/> ∈ (0, 1] (PyTorch's default 0.1) every <paramref name="stepSize"/> ≥ 1 epochs.</summary>
    public StepLR(int stepSize, double gamma = 0.1) : base(perStep: false)
    {
        StepSize = CheckCount(stepSize, nameof(StepLR), "step_size");
        Gamma = CheckFactor(gamma, nameof(StepLR), "gamma");
    }

    /// <summary>Epochs between decays (PyTorch's <c>step_size</c>).</summary>
    public int StepSize { get; }

    /// <summary>The decay factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) => baseRate * Math.Pow(Gamma, t / StepSize);
}
