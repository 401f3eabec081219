using Backprop.Registration;
using System.Text.Json.Serialization;
using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// RMSprop (Hinton) as PyTorch's <c>torch.optim.RMSprop</c> documents it: if λ ≠ 0, g_t ← g_t + λθ_{t-1}; v_t = αv_{t-1} + (1 − α)g_t²;
/// ṽ_t = v_t, or centred g^ave_t = αg^ave_{t-1} + (1 − α)g_t and ṽ_t = v_t − (g^ave_t)²; if μ &gt; 0, b_t = μb_{t-1} + g_t / (√ṽ_t + ε) and
/// θ_t = θ_{t-1} − γb_t, else θ_t = θ_{t-1} − γg_t / (√ṽ_t + ε). State: v (<c>square_avg</c>), g^ave (<c>grad_avg</c>, centred),
/// b (<c>momentum_buffer</c>, with momentum).
/// </summary>
public sealed class RmsProp<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _v;
    private readonly T[][]? _mean;
    private T[][]? _b;

    /// <summary>
    /// RMSprop with PyTorch's parameters and defaults: learning rate <paramref name="lr"/> γ (1e-2), <paramref name="alpha"/> α in [0, 1),
    /// the decay of the squared gradients (0.99), <paramref name="eps"/> ε (1e-8), <paramref name="weightDecay"/> λ (0),
    /// <paramref name="momentum"/> μ (0) and <paramref name="centered"/> (false).
    /// </summary>
    public RmsProp(IEnumerable<Tensor<T>> parameters, double lr = RmsPropOptions.DefaultLearningRate, double alpha = RmsPropOptions.DefaultAlpha,
        double eps = RmsPropOptions.DefaultEpsilon, double weightDecay = 0, double momentum = 0, bool centered = false) : base(parameters, lr)
    {
        Alpha = Fraction(alpha, "alpha");
        Epsilon = NonNegative(eps, "eps");
        WeightDecay = NonNegative(weightDecay, "weight_decay");
        Momentum = NonNegative(momentum, "momentum");
        Centered = centered;
        _v = Buffer("square_avg");
        if (momentum > 0) _b = Buffer("momentum_buffer");
        if (centered) _mean = Buffer("grad_avg");
    }

    /// <summary>α, PyTorch's <c>alpha</c>.</summary>
    public double Alpha { get; }

    /// <summary>ε, PyTorch's <c>eps</c>.</summary>
    public double Epsilon { get; }

    /// <summary>λ, PyTorch's <c>weight_decay</c>.</summary>
    public double WeightDecay { get; }

    /// <summary>μ, PyTorch's <c>momentum</c>.</summary>
    public double Momentum { get; private set; }

    /// <inheritdoc/>
    public override double? CyclicMomentum
    {
        get => Momentum;
        set
        {
            Momentum = CheckCyclic(value);
            if (_b is null && Momentum > 0) _b = Buffer("momentum_buffer"); // switched on by a schedule: zeros, as PyTorch's state starts it
        }
    }

    /// <summary>Whether the squared gradients are centred by their running mean (PyTorch's <c>centered</c>).</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    protected override void Update()
    {
        var rule = new RmsPropRule<T>(T.CreateTruncating(LearningRate), T.CreateTruncating(Alpha), T.CreateTruncating(Epsilon),
            T.CreateTruncating(WeightDecay), Centered, _b is not null && Momentum > 0, T.CreateTruncating(Momentum));
        for (int k = 0; k < Params.Length; k++)
            if (Params[k].Grad is { } g) UpdateLoop.Run(rule, Params[k].Span, g.Span, _v[k], Slot(_mean, k), Slot(_b, k));
    }
}

/// <summary>RMSprop described before its parameters exist: <c>new RmsPropOptions { LearningRate = 1e-3, Momentum = 0.9 }</c>.</summary>
public sealed record RmsPropOptions : OptimizerOptions
{
    /// <summary>The registry entry <c>rmsprop</c>.</summary>
    public static IRegistryEntry<OptimizerOptions> Entry { get; } = new RegistryEntry<OptimizerOptions, RmsPropOptions>("rmsprop", new(), o => o, "RMSprop (PyTorch RMSprop)");

    /// <summary>PyTorch's defaults.</summary>
    public const double DefaultLearningRate = 1e-2, DefaultAlpha = 0.99, DefaultEpsilon = 1e-8;

    /// <summary>γ, PyTorch's <c>lr</c> (default 1e-2).</summary>
    public override double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>α, PyTorch's <c>alpha</c> (default 0.99).</summary>
    public double Alpha { get; init; } = DefaultAlpha;

    /// <summary>ε, PyTorch's <c>eps</c> (default 1e-8).</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>λ, PyTorch's <c>weight_decay</c> (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>μ, PyTorch's <c>momentum</c> (default 0).</summary>
    public double Momentum { get; init; }

    /// <summary>PyTorch's <c>centered</c> (default false).</summary>
    public bool Centered { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Name => "rmsprop";

    /// <inheritdoc/>
    [JsonIgnore]
    public override IReadOnlyList<string> HyperParameters => ["alpha", "eps", "weight_decay", "momentum"];

    /// <inheritdoc/>
    protected override OptimizerOptions? Set(string name, double value) => name switch
    {
        "alpha" => this with { Alpha = value },
        "eps" => this with { Epsilon = value },
        "weight_decay" => this with { WeightDecay = value },
        "momentum" => this with { Momentum = value },
        _ => null,
    };

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) =>
        new RmsProp<T>(parameters, LearningRate, Alpha, Epsilon, WeightDecay, Momentum, Centered);
}
