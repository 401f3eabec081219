using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Tests.Optim;

/// <summary>The registry of optimizer names, and what every optimizer shares: state round trip, no allocation per step.</summary>
public class OptimizersTests
{
    private static readonly Dictionary<string, OptimizerOptions> Variants = new()
    {
        ["sgd"] = new SgdOptions { WeightDecay = 0.01 },
        ["momentum"] = new SgdOptions { Momentum = 0.9, Dampening = 0.1 },
        ["nesterov"] = new SgdOptions { Momentum = 0.9, Nesterov = true, WeightDecay = 0.01 },
        ["adam"] = new AdamOptions { WeightDecay = 0.01 },
        ["amsgrad"] = new AdamOptions { AmsGrad = true },
        ["adamw"] = new AdamWOptions { AmsGrad = true },
        ["rmsprop"] = new RmsPropOptions { Momentum = 0.5, Centered = true, WeightDecay = 0.01 },
        ["adagrad"] = new AdagradOptions { LearningRateDecay = 0.1, InitialAccumulatorValue = 0.1 },
    };

    public static TheoryData<string> VariantNames() => [.. Variants.Keys];

    [Fact]
    public void EveryNameGivesItsOptimizerWithPyTorchsDefaults()
    {
        Assert.Equal(["sgd", "momentum", "nesterov", "adam", "adamw", "rmsprop", "adagrad", "lbfgs"], Optimizers.Names.Take(8));
        foreach (var name in Optimizers.Names) Assert.Equal(name, Optimizers.Defaults(name).Name);
        Assert.Equal(new SgdOptions(), Optimizers.Defaults("sgd"));
        Assert.Equal(new SgdOptions { Momentum = 0.9 }, Optimizers.Defaults("momentum"));
        Assert.Equal(new SgdOptions { Momentum = 0.9, Nesterov = true }, Optimizers.Defaults("nesterov"));
        Assert.Equal(new AdamWOptions(), Optimizers.Defaults("adamw"));
        Assert.IsType<RmsProp<float>>(Optimizers.Defaults("rmsprop").Create([Tensor.Scalar(1f, requiresGrad: true)]));
    }

    [Fact]
    public void UnknownNameAndForeignHyperParameterAreRefusedWithWhatIsAccepted()
    {
        var e = Assert.Throws<ArgumentException>(() => Optimizers.Defaults("lbfgs2"));
        Assert.Contains("'lbfgs2'", e.Message);
        Assert.Contains("sgd, momentum, nesterov, adam, adamw, rmsprop, adagrad, lbfgs", e.Message);
        var foreign = Assert.Throws<ArgumentException>(() => new SgdOptions().With("beta1", 0.9));
        Assert.Contains("sgd has no hyper-parameter beta1; it takes lr, momentum, dampening, weight_decay", foreign.Message);
        Assert.Equal(0.5, ((AdamOptions)new AdamOptions().With("beta1", 0.5)).Beta1);
        Assert.Equal(0.2, new RmsPropOptions().With("lr", 0.2).LearningRate);
    }

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void LoadedStateContinuesExactlyAsTheOriginal(string variant)
    {
        var options = Variants[variant];
        var (a, b) = (FixedProblem.Parameters(), FixedProblem.Parameters());
        var first = options.Create(a);
        for (int t = 1; t <= 2; t++) { FixedProblem.Feed(a, t); first.Step(); }
        for (int k = 0; k < a.Length; k++) a[k].Span.CopyTo(b[k].Span);
        var second = options.Create(b);
        second.LoadState(first.State());
        for (int t = 3; t <= 4; t++) { FixedProblem.Feed(a, t); first.Step(); FixedProblem.Feed(b, t); second.Step(); }
        for (int k = 0; k < a.Length; k++) Assert.Equal(a[k].ToArray(), b[k].ToArray());
        Assert.Equal(4, second.Steps);
        // Without the state the continuation differs (every variant but plain SGD keeps state that matters).
        if (options is SgdOptions { Momentum: 0 }) return;
        var fresh = FixedProblem.Parameters();
        var stateless = options.Create(fresh);
        for (int k = 0; k < a.Length; k++) b[k].Span.CopyTo(fresh[k].Span);
        FixedProblem.Feed(b, 5); second.Step();
        FixedProblem.Feed(fresh, 5); stateless.Step();
        Assert.NotEqual(b[0].ToArray(), fresh[0].ToArray());
    }

    [Theory]
    [MemberData(nameof(VariantNames))]
    public void StepAllocatesNothingAfterWarmUp(string variant)
    {
        Tensor<float>[] parameters = [Tensor<float>.RandomNormal(1, 0, 1, 1000, 7), Tensor<float>.RandomNormal(2, 0, 1, 13)];
        foreach (var p in parameters)
        {
            p.RequiresGrad = true;
            p.Grad = Tensor<float>.RandomNormal(3, 0, 0.1f, p.Shape.ToArray());
        }
        var optimizer = Variants[variant].Create(parameters);
        for (int i = 0; i < 3; i++) optimizer.Step(); // warm up: JIT tiers
        // The runtime may allocate once on this thread while it recompiles a hot method at a higher tier; a step that allocates
        // does so in every round, so the quietest of five rounds must be 0.
        long fewest = long.MaxValue;
        for (int round = 0; round < 5 && fewest > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) optimizer.Step();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.Equal(0, fewest);
    }
}
