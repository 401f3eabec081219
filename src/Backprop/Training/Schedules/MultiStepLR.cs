namespace Backprop.Training.Schedules;

/// <summary>PyTorch's <c>MultiStepLR</c>, per epoch: η_t = η₀ · γ^(number of milestones ≤ t).</summary>
public sealed class MultiStepLR : LearningRateSchedule
{
    private readonly int[] _milestones;

    /// <summary>Multiplies the rate by <paramref name="gamma"/> ∈ (0, 1] (PyTorch's default 0.1) once each of the increasing epochs <paramref name="milestones"/> (≥ 1) is reached.</summary>
    public MultiStepLR(IEnumerable<int> milestones, double gamma = 0.1) : base(perStep: false)
    {
        _milestones = [.. milestones];
        if (_milestones.Length == 0) throw new ArgumentException("MultiStepLR: give at least one milestone epoch.", nameof(milestones));
        for (int i = 0; i < _milestones.Length; i++)
            if (_milestones[i] < 1 || (i > 0 && _milestones[i] <= _milestones[i - 1]))
                throw new ArgumentException($"MultiStepLR: milestones must be increasing epochs ≥ 1; got [{string.Join(", ", _milestones)}].", nameof(milestones));
        Gamma = CheckFactor(gamma, nameof(MultiStepLR), "gamma");
    }

    /// <summary>The epochs at which the rate decays.</summary>
    public IReadOnlyList<int> Milestones => _milestones;

    /// <summary>The decay factor γ.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(long t, double baseRate) => baseRate * Math.Pow(Gamma, _milestones.Count(m => m <= t));
}
