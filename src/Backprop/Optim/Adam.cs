using Backprop.Registration;
using System.Text.Json.Serialization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// Adam (Kingma and Ba, 2015) as PyTorch's <c>torch.optim.Adam</c> documents it: at step t, if λ ≠ 0, g_t ← g_t + λθ_{t-1};
/// m_t = β₁m_{t-1} + (1 − β₁)g_t, v_t = β₂v_{t-1} + (1 − β₂)g_t², m̂_t = m_t / (1 − β₁ᵗ); with AMSGrad v_t^max = max(v_{t-1}^max, v_t) and
/// v̂_t = v_t^max / (1 − β₂ᵗ), else v̂_t = v_t / (1 − β₂ᵗ); θ_t = θ_{t-1} − γ·m̂_t / (√v̂_t + ε). Its state is the step count t and
/// m (<c>exp_avg</c>), v (<c>exp_avg_sq</c>) and, with AMSGrad, v^max (<c>max_exp_avg_sq</c>).
/// </summary>
public class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _m, _v;
    private readonly T[][]? _vMax;
    private readonly bool _decoupled;

    /// <summary>
    /// Adam with PyTorch's parameters and defaults: learning rate <paramref name="lr"/> γ (1e-3), <paramref name="betas"/> (β₁, β₂)
    /// the decays of the two moments ((0.9, 0.999)), <paramref name="eps"/> ε added to √v̂ (1e-8), <paramref name="weightDecay"/> λ,
    /// an L2 penalty added to the gradient (0), and <paramref name="amsgrad"/> (false).
    /// </summary>
    public Adam(IEnumerable<Tensor<T>> parameters, double lr = AdamOptions.DefaultLearningRate, (double Beta1, double Beta2)? betas = null,
        double eps = AdamOptions.DefaultEpsilon, double weightDecay = 0, bool amsgrad = false) : this(parameters, lr, betas, eps, weightDecay, amsgrad, false) { }

    /// <summary>Adam, or with <paramref name="decoupled"/> AdamW, whose weight decay shrinks θ instead of adding to the gradient.</summary>
    private protected Adam(IEnumerable<Tensor<T>> parameters, double lr, (double Beta1, double Beta2)? betas, double eps, double weightDecay, bool amsgrad,
        bool decoupled) : base(parameters, lr)
    {
        var (beta1, beta2) = betas ?? (AdamOptions.DefaultBeta1, AdamOptions.DefaultBeta2);
        if (!(beta1 is >= 0 and < 1) || !(beta2 is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(betas), $"{GetType().Name.Split('`')[0]}: β₁ and β₂ must lie in [0, 1); got {beta1} and {beta2}.");
        Beta1 = beta1; Beta2 = beta2;
        Epsilon = NonNegative(eps, "eps");
        WeightDecay = NonNegative(weightDecay, "weight_decay");
        AmsGrad = amsgrad;
        _decoupled = decoupled;
        _m = Buffer("exp_avg");
        _v = Buffer("exp_avg_sq");
        if (amsgrad) _vMax = Buffer("max_exp_avg_sq");
    }

    /// <summary>β₁, the decay of the first moment m (PyTorch's <c>betas[0]</c>).</summary>
    public double Beta1 { get; private set; }

    /// <inheritdoc/>
    public override double? CyclicMomentum { get => Beta1; set => Beta1 = CheckCyclic(value); }

    /// <summary>β₂, the decay of the second moment v (PyTorch's <c>betas[1]</c>).</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ against division by zero (PyTorch's <c>eps</c>).</summary>
    public double Epsilon { get; }

    /// <summary>λ, PyTorch's <c>weight_decay</c>: added to the gradient as λθ (Adam) or shrinking θ by γλθ (AdamW).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether v̂ is the running maximum of v (PyTorch's <c>amsgrad</c>).</summary>
    public bool AmsGrad { get; }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    protected sealed override void Update()
    {
        T decay = T.CreateTruncating(WeightDecay);
        var rule = new AdamRule<T>(T.CreateTruncating(LearningRate), T.CreateTruncating(Beta1), T.CreateTruncating(Beta2),
            T.CreateTruncating(1 - Math.Pow(Beta1, Steps)), T.CreateTruncating(1 - Math.Pow(Beta2, Steps)), T.CreateTruncating(Epsilon),
            _decoupled ? T.Zero : decay, _decoupled ? T.CreateTruncating(1 - LearningRate * WeightDecay) : T.One, AmsGrad);
        for (int k = 0; k < Params.Length; k++)
            if (Params[k].Grad is { } g) UpdateLoop.Run(rule, Params[k].Span, g.Span, _m[k], _v[k], Slot(_vMax, k));
    }
}

/// <summary>Adam described before its parameters exist: <c>new AdamOptions { LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8 }</c>.</summary>
public record AdamOptions : OptimizerOptions
{
    /// <summary>The registry entry <c>adam</c>.</summary>
    public static IRegistryEntry<OptimizerOptions> Entry { get; } = new RegistryEntry<OptimizerOptions, AdamOptions>("adam", new(), o => o, "Adam (PyTorch Adam)");

    /// <summary>PyTorch's defaults.</summary>
    public const double DefaultLearningRate = 1e-3, DefaultBeta1 = 0.9, DefaultBeta2 = 0.999, DefaultEpsilon = 1e-8;

    /// <summary>γ, PyTorch's <c>lr</c> (default 1e-3).</summary>
    public override double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>β₁, PyTorch's <c>betas[0]</c> (default 0.9).</summary>
    public double Beta1 { get; init; } = DefaultBeta1;

    /// <summary>β₂, PyTorch's <c>betas[1]</c> (default 0.999).</summary>
    public double Beta2 { get; init; } = DefaultBeta2;

    /// <summary>ε, PyTorch's <c>eps</c> (default 1e-8).</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>λ, PyTorch's <c>weight_decay</c> (default 0 for Adam, 0.01 for AdamW).</summary>
    public virtual double WeightDecay { get; init; }

    /// <summary>PyTorch's <c>amsgrad</c> (default false).</summary>
    public bool AmsGrad { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Name => "adam";

    /// <inheritdoc/>
    [JsonIgnore]
    public override IReadOnlyList<string> HyperParameters => ["beta1", "beta2", "eps", "weight_decay"];

    /// <inheritdoc/>
    protected override OptimizerOptions? Set(string name, double value) => name switch
    {
        "beta1" => this with { Beta1 = value },
        "beta2" => this with { Beta2 = value },
        "eps" => this with { Epsilon = value },
        "weight_decay" => this with { WeightDecay = value },
        _ => null,
    };

    /// <summary>Whether weight decay shrinks θ (AdamW) rather than adding λθ to the gradient (Adam).</summary>
    private protected virtual bool DecoupledDecay => false;

    /// <summary>g ← g + λθ (Adam's weight decay); m = β₁m + (1 − β₁)g; v = β₂v + (1 − β₂)g²; m̂ = m / (1 − β₁ᵗ); v̂ = v / (1 − β₂ᵗ);
    /// θ − γ·m̂ / (√v̂ + ε) (AdamW: θ(1 − γλ) − γ·m̂ / (√v̂ + ε)).</summary>
    public override IReadOnlyList<UpdateTerm> Explain(UpdateElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        static string S(double v) => v < 0 ? $"({UpdateTerm.Show(v)})" : UpdateTerm.Show(v); // a negative value in brackets: (−0.5)², θ − (−0.01)
        var terms = new List<UpdateTerm>();
        double g = element.Gradient, theta = element.Before, lr = element.LearningRate;
        long t = element.Step;
        if (WeightDecay != 0 && !DecoupledDecay)
        {
            g += WeightDecay * theta;
            terms.Add(new("g", $"dL/dθ + λθ = {S(element.Gradient)} + {S(WeightDecay)}·{S(theta)}", g));
        }
        double m = element.StateAfter.GetValueOrDefault("exp_avg"), v = element.StateAfter.GetValueOrDefault("exp_avg_sq");
        terms.Add(new("m", $"β₁·m + (1 − β₁)·g = {S(Beta1)}·{S(element.StateBefore.GetValueOrDefault("exp_avg"))} + {S(1 - Beta1)}·{S(g)}", m));
        terms.Add(new("v", $"β₂·v + (1 − β₂)·g² = {S(Beta2)}·{S(element.StateBefore.GetValueOrDefault("exp_avg_sq"))} + {S(1 - Beta2)}·{S(g)}²", v));
        if (AmsGrad)
        {
            v = element.StateAfter.GetValueOrDefault("max_exp_avg_sq");
            terms.Add(new("v_max", $"max(v_max, v) = max({S(element.StateBefore.GetValueOrDefault("max_exp_avg_sq"))}, {S(element.StateAfter.GetValueOrDefault("exp_avg_sq"))})", v));
        }
        double c1 = 1 - Math.Pow(Beta1, t), c2 = 1 - Math.Pow(Beta2, t);
        double mHat = m / c1, vHat = v / c2, step = lr * mHat / (Math.Sqrt(vHat) + Epsilon);
        terms.Add(new("m̂", $"m / (1 − β₁ᵗ) = {S(m)} / (1 − {S(Beta1)}^{t}) = {S(m)} / {S(c1)}", mHat));
        terms.Add(new("v̂", $"{(AmsGrad ? "v_max" : "v")} / (1 − β₂ᵗ) = {S(v)} / (1 − {S(Beta2)}^{t}) = {S(v)} / {S(c2)}", vHat));
        terms.Add(new("step", $"γ·m̂ / (√v̂ + ε) = {S(lr)}·{S(mHat)} / ({S(Math.Sqrt(vHat))} + {S(Epsilon)})", step));
        terms.Add(new("θ", DecoupledDecay && WeightDecay != 0
            ? $"θ·(1 − γλ) − step = {S(theta)}·(1 − {S(lr)}·{S(WeightDecay)}) − {S(step)}" : $"θ − step = {S(theta)} − {S(step)}", element.After));
        return terms;
    }

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adam<T>(parameters, LearningRate, (Beta1, Beta2), Epsilon, WeightDecay, AmsGrad);
}
