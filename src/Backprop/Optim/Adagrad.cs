using Backprop.Registration;
using System.Text.Json.Serialization;
using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// Adagrad (Duchi et al., 2011) as PyTorch's <c>torch.optim.Adagrad</c> documents it: state_sum_0 = τ; at step t,
/// γ̃ = γ / (1 + (t − 1)η); if λ ≠ 0, g_t ← g_t + λθ_{t-1}; state_sum_t = state_sum_{t-1} + g_t²; θ_t = θ_{t-1} − γ̃·g_t / (√state_sum_t + ε).
/// γ is <c>lr</c>, η <c>lr_decay</c>, λ <c>weight_decay</c>, τ <c>initial_accumulator_value</c>; the state is state_sum (<c>sum</c>).
/// </summary>
public sealed class Adagrad<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _sum;

    /// <summary>
    /// Adagrad with PyTorch's parameters and defaults: learning rate <paramref name="lr"/> γ (1e-2), <paramref name="lrDecay"/> η (0),
    /// <paramref name="weightDecay"/> λ (0), <paramref name="initialAccumulatorValue"/> τ (0) and <paramref name="eps"/> ε (1e-10).
    /// </summary>
    public Adagrad(IEnumerable<Tensor<T>> parameters, double lr = AdagradOptions.DefaultLearningRate, double lrDecay = 0, double weightDecay = 0,
        double initialAccumulatorValue = 0, double eps = AdagradOptions.DefaultEpsilon) : base(parameters, lr)
    {
        LearningRateDecay = NonNegative(lrDecay, "lr_decay");
        WeightDecay = NonNegative(weightDecay, "weight_decay");
        InitialAccumulatorValue = NonNegative(initialAccumulatorValue, "initial_accumulator_value");
        Epsilon = NonNegative(eps, "eps");
        _sum = Buffer("sum");
        foreach (var sum in _sum) Array.Fill(sum, T.CreateTruncating(initialAccumulatorValue));
    }

    /// <summary>η, PyTorch's <c>lr_decay</c>.</summary>
    public double LearningRateDecay { get; }

    /// <summary>λ, PyTorch's <c>weight_decay</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>τ, PyTorch's <c>initial_accumulator_value</c>.</summary>
    public double InitialAccumulatorValue { get; }

    /// <summary>ε, PyTorch's <c>eps</c>.</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override void Update()
    {
        var rule = new AdagradRule<T>(T.CreateTruncating(LearningRate / (1 + (Steps - 1) * LearningRateDecay)), T.CreateTruncating(Epsilon), T.CreateTruncating(WeightDecay));
        for (int k = 0; k < Params.Length; k++)
            if (Params[k].Grad is { } g) UpdateLoop.Run(rule, Params[k].Span, g.Span, _sum[k]);
    }
}

/// <summary>Adagrad described before its parameters exist: <c>new AdagradOptions { LearningRate = 0.05 }</c>.</summary>
public sealed record AdagradOptions : OptimizerOptions
{
    /// <summary>The registry entry <c>adagrad</c>.</summary>
    public static IRegistryEntry<OptimizerOptions> Entry { get; } = new RegistryEntry<OptimizerOptions, AdagradOptions>("adagrad", new(), o => o, "Adagrad (PyTorch Adagrad)");

    /// <summary>PyTorch's defaults.</summary>
    public const double DefaultLearningRate = 1e-2, DefaultEpsilon = 1e-10;

    /// <summary>γ, PyTorch's <c>lr</c> (default 1e-2).</summary>
    public override double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>η, PyTorch's <c>lr_decay</c> (default 0).</summary>
    public double LearningRateDecay { get; init; }

    /// <summary>λ, PyTorch's <c>weight_decay</c> (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>τ, PyTorch's <c>initial_accumulator_value</c> (default 0).</summary>
    public double InitialAccumulatorValue { get; init; }

    /// <summary>ε, PyTorch's <c>eps</c> (default 1e-10).</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Name => "adagrad";

    /// <inheritdoc/>
    [JsonIgnore]
    public override IReadOnlyList<string> HyperParameters => ["lr_decay", "weight_decay", "initial_accumulator_value", "eps"];

    /// <inheritdoc/>
    protected override OptimizerOptions? Set(string name, double value) => name switch
    {
        "lr_decay" => this with { LearningRateDecay = value },
        "weight_decay" => this with { WeightDecay = value },
        "initial_accumulator_value" => this with { InitialAccumulatorValue = value },
        "eps" => this with { Epsilon = value },
        _ => null,
    };

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) =>
        new Adagrad<T>(parameters, LearningRate, LearningRateDecay, WeightDecay, InitialAccumulatorValue, Epsilon);
}
