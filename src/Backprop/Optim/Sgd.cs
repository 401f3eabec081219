using Backprop.Registration;
using System.Text.Json.Serialization;
using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// Stochastic gradient descent as PyTorch's <c>torch.optim.SGD</c> documents it: g_t = ∇θ f(θ_{t-1}); if λ ≠ 0, g_t ← g_t + λθ_{t-1};
/// if μ ≠ 0, b_t = μb_{t-1} + (1 − τ)g_t (b_1 = g_1) and g_t ← g_t + μb_t (Nesterov) or g_t ← b_t; θ_t = θ_{t-1} − γg_t.
/// γ is <c>lr</c>, μ <c>momentum</c>, τ <c>dampening</c>, λ <c>weight_decay</c>; with momentum its state is b (<c>momentum_buffer</c>).
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[][]? _b;
    private long _firstMomentumStep = 1; // the step whose b_1 = g_1: the first one with μ ≠ 0 (PyTorch's buffer is still None)

    /// <summary>
    /// SGD with PyTorch's parameters and defaults: learning rate <paramref name="lr"/> γ &gt; 0 (1e-3), <paramref name="momentum"/> μ ≥ 0 (0),
    /// <paramref name="dampening"/> τ in [0, 1] (0), <paramref name="weightDecay"/> λ ≥ 0 (0), and <paramref name="nesterov"/> (false; needs μ &gt; 0 and τ = 0).
    /// </summary>
    public Sgd(IEnumerable<Tensor<T>> parameters, double lr = SgdOptions.DefaultLearningRate, double momentum = 0, double dampening = 0,
        double weightDecay = 0, bool nesterov = false) : base(parameters, lr)
    {
        Momentum = NonNegative(momentum, "momentum");
        Dampening = dampening is >= 0 and <= 1 ? dampening
            : throw new ArgumentOutOfRangeException(nameof(dampening), $"Sgd: dampening must lie in [0, 1]; got {dampening}.");
        WeightDecay = NonNegative(weightDecay, "weight_decay");
        if (nesterov && (momentum == 0 || dampening != 0))
            throw new ArgumentException($"Sgd: Nesterov momentum needs momentum > 0 and dampening 0; got momentum {momentum} and dampening {dampening}.", nameof(nesterov));
        Nesterov = nesterov;
        if (momentum != 0) _b = Buffer("momentum_buffer");
    }

    /// <summary>μ, PyTorch's <c>momentum</c>.</summary>
    public double Momentum { get; private set; }

    /// <inheritdoc/>
    public override double? CyclicMomentum
    {
        get => Momentum;
        set
        {
            Momentum = CheckCyclic(value);
            if (_b is not null || Momentum == 0) return;
            _b = Buffer("momentum_buffer"); // switched on by a schedule, as PyTorch's SGD sees group["momentum"] ≠ 0 at its next step
            _firstMomentumStep = Steps + 1;
        }
    }

    /// <summary>τ, PyTorch's <c>dampening</c>.</summary>
    public double Dampening { get; }

    /// <summary>λ, PyTorch's <c>weight_decay</c> (an L2 penalty λ/2·‖θ‖² added to the loss).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether the step uses Nesterov momentum (PyTorch's <c>nesterov</c>).</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    protected override void Update()
    {
        bool momentum = _b is not null && Momentum != 0;
        if (!momentum && Steps == _firstMomentumStep) _firstMomentumStep++; // a step with μ = 0 leaves the buffer unstarted
        if (!momentum && WeightDecay == 0)
        {
            // Plain SGD, θ ← θ + (−γ)·g: TensorPrimitives' fused multiply-add, whose unrolled loop measured faster than the rule
            // loop below on W1 (its 100 k weights per step).
            T step = -T.CreateTruncating(LearningRate);
            foreach (var p in Params)
                if (p.Grad is { } grad) Elementwise.AddScaledInPlace(p.Span, grad.Span, step);
            return;
        }
        bool first = Steps == _firstMomentumStep;
        var rule = new SgdRule<T>(T.CreateTruncating(LearningRate), T.CreateTruncating(WeightDecay), momentum,
            first ? T.Zero : T.CreateTruncating(Momentum), first ? T.One : T.CreateTruncating(1 - Dampening), Nesterov, T.CreateTruncating(Momentum));
        for (int k = 0; k < Params.Length; k++)
            if (Params[k].Grad is { } g) UpdateLoop.Run(rule, Params[k].Span, g.Span, Slot(_b, k));
    }
}

/// <summary>SGD described before its parameters exist: <c>new SgdOptions { LearningRate = 0.01, Momentum = 0.9 }</c>.</summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <summary>The registry entries: <c>sgd</c>, <c>momentum</c> (μ = 0.9) and <c>nesterov</c> (μ = 0.9, Nesterov).</summary>
    public static IRegistryEntry<OptimizerOptions>[] Entries { get; } =
    [
        new RegistryEntry<OptimizerOptions, SgdOptions>("sgd", new(), o => o, "stochastic gradient descent (PyTorch SGD)"),
        new RegistryEntry<OptimizerOptions, SgdOptions>("momentum", new() { Momentum = 0.9 }, o => o, "SGD with momentum 0.9"),
        new RegistryEntry<OptimizerOptions, SgdOptions>("nesterov", new() { Momentum = 0.9, Nesterov = true }, o => o, "SGD with Nesterov momentum 0.9"),
    ];

    /// <summary>PyTorch's default learning rate.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>γ, PyTorch's <c>lr</c> (default 1e-3).</summary>
    public override double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>μ, PyTorch's <c>momentum</c> (default 0).</summary>
    public double Momentum { get; init; }

    /// <summary>τ, PyTorch's <c>dampening</c> (default 0).</summary>
    public double Dampening { get; init; }

    /// <summary>λ, PyTorch's <c>weight_decay</c> (default 0).</summary>
    public double WeightDecay { get; init; }

    /// <summary>PyTorch's <c>nesterov</c> (default false).</summary>
    public bool Nesterov { get; init; }

    /// <summary><c>sgd</c>; <c>momentum</c> with momentum; <c>nesterov</c> with Nesterov momentum.</summary>
    [JsonIgnore]
    public override string Name => Nesterov ? "nesterov" : Momentum != 0 ? "momentum" : "sgd";

    /// <inheritdoc/>
    [JsonIgnore]
    public override IReadOnlyList<string> HyperParameters => ["momentum", "dampening", "weight_decay"];

    /// <inheritdoc/>
    protected override OptimizerOptions? Set(string name, double value) => name switch
    {
        "momentum" => this with { Momentum = value },
        "dampening" => this with { Dampening = value },
        "weight_decay" => this with { WeightDecay = value },
        _ => null,
    };

    /// <summary>g ← g + λθ (with weight decay); b = μb + (1 − τ)g (with momentum; b = g at the first step); θ − γ·g, γ·b or γ·(g + μb) (Nesterov).</summary>
    public override IReadOnlyList<UpdateTerm> Explain(UpdateElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        static string S(double v) => v < 0 ? $"({UpdateTerm.Show(v)})" : UpdateTerm.Show(v); // a negative value in brackets: (−0.5)², θ − (−0.01)
        var terms = new List<UpdateTerm>();
        double g = element.Gradient, theta = element.Before;
        if (WeightDecay != 0)
        {
            g += WeightDecay * theta;
            terms.Add(new("g", $"dL/dθ + λθ = {S(element.Gradient)} + {S(WeightDecay)}·{S(theta)}", g));
        }
        double used = g;
        string usedName = WeightDecay != 0 ? "g" : "dL/dθ";
        if (Momentum != 0 && element.StateAfter.TryGetValue("momentum_buffer", out double b))
        {
            double before = element.StateBefore.GetValueOrDefault("momentum_buffer");
            terms.Add(new("b", element.Step == 1 || before == 0 && b == g ? $"b = {usedName} (the first step) = {S(g)}"
                : $"μ·b + (1 − τ)·{usedName} = {S(Momentum)}·{S(before)} + {S(1 - Dampening)}·{S(g)}", b));
            used = b;
            usedName = "b";
            if (Nesterov)
            {
                used = g + Momentum * b;
                terms.Add(new("g + μb", $"{S(g)} + {S(Momentum)}·{S(b)}", used));
                usedName = "g + μb";
            }
        }
        terms.Add(new("θ", $"θ − γ·{usedName} = {S(theta)} − {S(element.LearningRate)}·{S(used)}", element.After));
        return terms;
    }

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Sgd<T>(parameters, LearningRate, Momentum, Dampening, WeightDecay, Nesterov);
}
