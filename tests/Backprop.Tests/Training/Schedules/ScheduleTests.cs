using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;
using Backprop.Training.Schedules;
using static Backprop.Tests.Training.Schedules.ScheduleDriver;

namespace Backprop.Tests.Training.Schedules;

/// <summary>Each schedule's rate at chosen epochs or steps against PyTorch's formulas, written out plainly here.</summary>
public class ScheduleTests
{
    private const double Lr = 0.1;

    private static void AssertRates(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-15 * Math.Max(1, expected[i]), $"rate {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Fact]
    public void StepLRDecaysByGammaEveryStepSizeEpochs()
    {
        // PyTorch: lr = base · gamma ** (epoch // step_size)
        AssertRates([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025], Rates(new StepLR(stepSize: 3, gamma: 0.5), Lr, epochs: 8));
    }

    [Fact]
    public void MultiStepLRDecaysAtEachMilestone()
    {
        // PyTorch: lr = base · gamma ** bisect_right(milestones, epoch)
        var expected = Enumerable.Range(0, 9).Select(t => Lr * Math.Pow(0.1, new[] { 2, 5 }.Count(m => m <= t))).ToList();
        AssertRates(expected, Rates(new MultiStepLR([2, 5]), Lr, epochs: 9));
        Assert.Equal(Lr * 0.01, expected[8], 15);
    }

    [Fact]
    public void ExponentialLRMultipliesEveryEpoch()
    {
        AssertRates([.. Enumerable.Range(0, 6).Select(t => Lr * Math.Pow(0.9, t))], Rates(new ExponentialLR(0.9), Lr, epochs: 6));
    }

    [Fact]
    public void CosineAnnealingFollowsTheClosedForm()
    {
        // PyTorch's _get_closed_form_lr: eta_min + (base - eta_min) · (1 + cos(pi · t / T_max)) / 2
        var expected = Enumerable.Range(0, 11).Select(t => 0.001 + (Lr - 0.001) * (1 + Math.Cos(Math.PI * t / 10)) / 2).ToList();
        var schedule = new CosineAnnealingLR(tMax: 10, etaMin: 0.001);
        AssertRates(expected, Rates(schedule, Lr, epochs: 11));
        Assert.Equal(0.001, schedule.RateAt(10, Lr), 15);
        Assert.Equal((Lr + 0.001) / 2, schedule.RateAt(5, Lr), 15);
    }

    [Fact]
    public void CosineToZeroEndsAtARateOfZero()
    {
        var context = Context(Lr);
        Rates(new CosineAnnealingLR(tMax: 4), Lr, epochs: 4, context: context);
        Assert.Equal(0, context.LearningRate, 15); // set after the last epoch, as PyTorch's scheduler.step() does
    }

    [Fact]
    public void WarmUpRisesLinearlyThenHandsOverToTheSchedule()
    {
        // SequentialLR([LinearLR(start_factor=0.25, total_iters=4), CosineAnnealingLR(T_max=6)], milestones=[4])
        var warm = new LinearWarmUp(4, new CosineAnnealingLR(tMax: 6), startFactor: 0.25);
        var expected = Enumerable.Range(0, 10).Select(t => t < 4
            ? Lr * (0.25 + 0.75 * t / 4)
            : Lr * (1 + Math.Cos(Math.PI * (t - 4) / 6)) / 2).ToList();
        AssertRates(expected, Rates(warm, Lr, epochs: 10));
        Assert.Equal([0.025, 0.04375, 0.0625, 0.08125, 0.1], expected.Take(5), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void WarmUpAloneKeepsTheBaseRateAfterwardsAndLetsGo()
    {
        var context = Context(Lr);
        var warm = new LinearWarmUp(2);
        AssertRates([Lr / 3, Lr * (1.0 / 3 + 2.0 / 3 / 2), Lr, Lr], Rates(warm, Lr, epochs: 4, context: context));
        context.LearningRate = 0.5;                      // another callback (a plateau) lowers it later: the warm-up no longer overrides
        ((Backprop.Training.ITrainingCallback)warm).OnEpochEnd(Epoch(5, 1), context);
        Assert.Equal(0.5, context.LearningRate);
    }

    [Fact]
    public void OneCycleFollowsPyTorchsTwoPhaseCosine()
    {
        const double maxLr = 0.5;
        const int total = 20;
        // PyTorch OneCycleLR(max_lr, total_steps, pct_start=0.3, anneal_strategy='cos', div_factor=25, final_div_factor=1e4)
        double initial = maxLr / 25, final = initial / 1e4, end1 = 0.3 * total - 1, end2 = total - 1;
        double Cos(double start, double end, double pct) => end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1);
        var expected = Enumerable.Range(0, total).Select(t => t <= end1 ? Cos(initial, maxLr, t / end1) : Cos(maxLr, final, (t - end1) / (end2 - end1))).ToList();
        var rates = Rates(new OneCycleLR(maxLr, total), Lr, epochs: 4, steps: 5); // per step: 4 epochs of 5 steps
        AssertRates(expected, rates);
        // the documented shape: starts at max_lr / div_factor, peaks at max_lr after pct_start of the steps, ends at initial / final_div_factor
        Assert.Equal(0.02, rates[0], 15);
        Assert.Equal(maxLr, rates[5], 15);
        Assert.Equal(2e-6, rates[^1], 15);
        Assert.True(rates.Take(6).Zip(rates.Skip(1).Take(5)).All(p => p.First < p.Second));
        Assert.True(rates.Skip(5).Zip(rates.Skip(6)).All(p => p.First > p.Second));
    }

    [Fact]
    public void OneCycleCyclesTheMomentumAgainstTheRate()
    {
        const int total = 20;
        // PyTorch OneCycleLR(cycle_momentum=True, base_momentum=0.85, max_momentum=0.95): momentum anneals max -> base over phase 1, base -> max over phase 2
        double end1 = 0.3 * total - 1, end2 = total - 1;
        double Cos(double start, double end, double pct) => end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1);
        var expected = Enumerable.Range(0, total).Select(t => t <= end1 ? Cos(0.95, 0.85, t / end1) : Cos(0.85, 0.95, (t - end1) / (end2 - end1))).ToList();

        var w = Tensor.From(0.0);
        w.RequiresGrad = true;
        var adam = new Adam<double>([w], 0.1);
        var context = new TrainingContext<double>(new Dense<double>(1, 1, seed: 1), adam, hasValidation: false);
        var schedule = new OneCycleLR(0.5, total);
        var seen = new List<double>();
        ((ITrainingCallback)schedule).OnTrainBegin(context);
        for (int step = 1; step <= total; step++)
        {
            seen.Add(adam.Beta1); // the β₁ the step trains with
            ((ITrainingCallback)schedule).OnStepEnd(new StepReport(1, step, total, 1), context);
        }
        AssertRates(expected, seen);
        Assert.Equal(0.95, seen[0], 15);
        Assert.Equal(0.85, seen[5], 15);

        Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycleLR(0.5, total, baseMomentum: 0.96));
    }

    [Fact]
    public void OneCycleRefusesToRunPastItsCycle()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Rates(new OneCycleLR(0.1, 10), Lr, epochs: 3, steps: 4));
        Assert.Contains("past the cycle's 10 total steps", e.Message);
    }

    [Fact]
    public void AScheduleContinuesAcrossFitCallsFromTheFirstBaseRate()
    {
        var schedule = new StepLR(stepSize: 2, gamma: 0.5);
        var context = Context(Lr);
        var first = Rates(schedule, Lr, epochs: 3, context: context);
        var second = Rates(schedule, Lr, epochs: 3, context: Context(context.LearningRate));
        AssertRates([0.1, 0.1, 0.05, 0.05, 0.025, 0.025], [.. first, .. second]);
        Assert.Equal(Lr, schedule.BaseLearningRate);
    }

    [Theory]
    [InlineData("StepLR: step_size must be at least 1; got 0")]
    [InlineData("ExponentialLR: gamma must be in (0, 1]; got 1.5")]
    [InlineData("MultiStepLR: milestones must be increasing epochs ≥ 1; got [3, 2]")]
    [InlineData("OneCycleLR: 3 total steps with pct_start 0.3 leave no rising phase")]
    public void BadParametersAreRefusedWithTheScheduleAndParameterNamed(string message)
    {
        Action make = message.Split(':')[0] switch
        {
            "StepLR" => () => _ = new StepLR(0),
            "ExponentialLR" => () => _ = new ExponentialLR(1.5),
            "MultiStepLR" => () => _ = new MultiStepLR([3, 2]),
            _ => () => _ = new OneCycleLR(0.1, 3),
        };
        var e = Assert.ThrowsAny<ArgumentException>(make);
        Assert.Contains(message, e.Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
