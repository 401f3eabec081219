using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Tests.Optim;
using Backprop.Training;
using Backprop.Training.Schedules;

namespace Backprop.Tests.Training.Schedules;

/// <summary>
/// One-cycle's <c>cycle_momentum</c> for each optimizer, against PyTorch's <c>OneCycleLR</c> as its source has it: the momentum goes
/// max_momentum → base_momentum → max_momentum along the rate's cosine phases; it is written into SGD's and RMSprop's <c>momentum</c>
/// (switching momentum on when the optimizer was built without) and into Adam's <c>betas[0]</c>; an optimizer with neither is refused.
/// </summary>
public class OneCycleMomentumTests
{
    // PyTorch's _annealing_cos(start, end, pct) and its two phases, ending at steps pct_start · total − 1 and total − 1.
    private static double Cos(double start, double end, double pct) => end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1);

    private static double TwoPhases(int t, int total, double pctStart, double start, double middle, double end)
    {
        double end1 = pctStart * total - 1, end2 = total - 1;
        return t <= end1 ? Cos(start, middle, t / end1) : Cos(middle, end, (t - end1) / (end2 - end1));
    }

    private static Tensor<double>[] Weights()
    {
        var w = Tensor.From(0.5, -1.0);
        w.RequiresGrad = true;
        return [w];
    }

    // The momentum each of `total` steps trains with, read through `read` after the schedule set it.
    private static List<double> Momenta(Optimizer<double> optimizer, OneCycleLR schedule, int total, Func<double> read)
    {
        var context = new TrainingContext<double>(new Dense<double>(1, 1, seed: 1), optimizer, hasValidation: false);
        var callback = (ITrainingCallback)schedule;
        var seen = new List<double>();
        callback.OnTrainBegin(context);
        for (int step = 1; step <= total; step++)
        {
            seen.Add(read());
            callback.OnStepEnd(new StepReport(1, step, total, 1), context);
        }
        return seen;
    }

    [Theory]
    [InlineData("sgd")]       // built without momentum: PyTorch's SGD has group["momentum"] = 0, which the scheduler overwrites
    [InlineData("momentum")]
    [InlineData("rmsprop")]   // likewise built without momentum
    [InlineData("adam")]
    [InlineData("adamw")]
    public void TheMomentumOrBeta1FollowsPyTorchsCycle(string name)
    {
        const int total = 20;
        var w = Weights();
        Optimizer<double> optimizer = name switch
        {
            "sgd" => new Sgd<double>(w, 0.1),
            "momentum" => new Sgd<double>(w, 0.1, momentum: 0.9),
            "rmsprop" => new RmsProp<double>(w),
            "adam" => new Adam<double>(w),
            _ => new AdamW<double>(w),
        };
        Func<double> read = optimizer switch
        {
            Sgd<double> sgd => () => sgd.Momentum,
            RmsProp<double> rms => () => rms.Momentum,
            Adam<double> adam => () => adam.Beta1,
            _ => throw new ArgumentException(name),
        };
        var seen = Momenta(optimizer, new OneCycleLR(0.5, total, pctStart: 0.25, baseMomentum: 0.8, maxMomentum: 0.9), total, read);
        for (int t = 0; t < total; t++)
        {
            double expected = TwoPhases(t, total, 0.25, 0.9, 0.8, 0.9);
            Assert.True(Math.Abs(expected - seen[t]) <= 1e-15, $"step {t}: expected {expected:R}, got {seen[t]:R}");
        }
        Assert.Equal((0.9, 0.8), (seen[0], seen[4])); // max_momentum at the start, base_momentum at the peak (step 0.25 · 20 − 1)
        if (optimizer is Sgd<double> or RmsProp<double>) Assert.Contains("momentum_buffer", optimizer.State().Buffers.Keys);
    }

    [Fact]
    public void WithoutCycleMomentumTheOptimizersOwnMomentumStays()
    {
        var sgd = new Sgd<double>(Weights(), 0.1);
        var seen = Momenta(sgd, new OneCycleLR(0.5, 10, cycleMomentum: false), 10, () => sgd.Momentum);
        Assert.All(seen, m => Assert.Equal(0, m));
        Assert.Empty(sgd.State().Buffers);
        var adagrad = new Adagrad<double>(Weights());
        Momenta(adagrad, new OneCycleLR(0.5, 10, cycleMomentum: false), 10, () => 0); // nothing to cycle, nothing refused
    }

    [Fact]
    public void AnOptimizerWithNeitherMomentumNorBeta1IsRefused()
    {
        // PyTorch: "optimizer must support momentum or beta1 with `cycle_momentum` option enabled" (Adagrad, LBFGS)
        foreach (var optimizer in new Optimizer<double>[] { new Adagrad<double>(Weights()), new Lbfgs<double>(Weights()) })
        {
            var e = Assert.Throws<BackpropException>(() => Momenta(optimizer, new OneCycleLR(0.5, 10), 10, () => 0));
            Assert.Equal(ErrorKind.Setting, e.Kind);
            Assert.Contains("OneCycleLR: cycle_momentum is on, but the optimizer has neither a momentum nor a β₁", e.Message);
        }
    }

    [Theory]
    [InlineData(0.0)] // plain SGD: the cycle switches momentum on, as PyTorch's does
    [InlineData(0.7)] // the μ it was built with is overwritten by max_momentum before the first step
    public void ThreeStepsOfSgdUnderOneCycleMatchPyTorchsLoopWrittenOut(double builtMomentum)
    {
        const double maxLr = 0.1, pctStart = 0.5, tau = 0.2, lambda = 0.01;
        const int total = 3; // phase 1 ends at step 0.5, phase 2 at step 2: the rate rises, peaks and falls within the three steps
        var parameters = FixedProblem.Parameters();
        var sgd = new Sgd<double>(parameters, 0.5, builtMomentum, tau, lambda);
        var schedule = (ITrainingCallback)new OneCycleLR(maxLr, total, pctStart);
        var context = new TrainingContext<double>(new Dense<double>(1, 1, seed: 1), sgd, hasValidation: false);
        schedule.OnTrainBegin(context);

        // scheduler = OneCycleLR(SGD(params, lr, momentum, dampening=τ, weight_decay=λ), max_lr, total_steps=3, pct_start=0.5);
        // per step t: optimizer.step() with lr(t), μ(t); then scheduler.step(). SGD: g ← g + λθ; b ← g at its first step, else μb + (1 − τ)g; θ ← θ − γb
        var theta = FixedProblem.Initial();
        var b = FixedProblem.Zeros();
        double initial = maxLr / 25;
        for (int t = 0; t < total; t++)
        {
            double lr = TwoPhases(t, total, pctStart, initial, maxLr, initial / 1e4), mu = TwoPhases(t, total, pctStart, 0.95, 0.85, 0.95);
            FixedProblem.Feed(parameters, t + 1);
            sgd.Step();
            for (int k = 0; k < theta.Length; k++)
            {
                for (int i = 0; i < theta[k].Length; i++)
                {
                    double g = FixedProblem.Gradient(t + 1, k, i) + lambda * theta[k][i];
                    b[k][i] = t == 0 ? g : mu * b[k][i] + (1 - tau) * g;
                    theta[k][i] -= lr * b[k][i];
                }
                FixedProblem.AssertClose(theta[k], parameters[k].ToArray());
            }
            schedule.OnStepEnd(new StepReport(1, t + 1, total, 1), context);
        }
        FixedProblem.AssertState(sgd, "momentum_buffer", b);
        Assert.Equal(TwoPhases(total, total, pctStart, 0.95, 0.85, 0.95), sgd.Momentum, 15); // PyTorch steps the scheduler to step total_steps too
    }
}
