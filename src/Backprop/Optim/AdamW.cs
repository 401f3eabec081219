using Backprop.Registration;
using System.Text.Json.Serialization;
using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// AdamW (Loshchilov and Hutter, 2019) as PyTorch's <c>torch.optim.AdamW</c> documents it: Adam with decoupled weight decay,
/// θ_t ← θ_{t-1} − γλθ_{t-1} first, then m_t, v_t, m̂_t, v̂_t (optionally AMSGrad) as Adam without its L2 term, and
/// θ_t ← θ_t − γ·m̂_t / (√v̂_t + ε). State as Adam's: <c>exp_avg</c>, <c>exp_avg_sq</c>, <c>max_exp_avg_sq</c>.
/// </summary>
public sealed class AdamW<T> : Adam<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// AdamW with PyTorch's parameters and defaults: learning rate <paramref name="lr"/> γ (1e-3), <paramref name="betas"/> ((0.9, 0.999)),
    /// <paramref name="eps"/> ε (1e-8), <paramref name="weightDecay"/> λ, the decoupled decay (0.01), and <paramref name="amsgrad"/> (false).
    /// </summary>
    public AdamW(IEnumerable<Tensor<T>> parameters, double lr = AdamOptions.DefaultLearningRate, (double Beta1, double Beta2)? betas = null,
        double eps = AdamOptions.DefaultEpsilon, double weightDecay = AdamWOptions.DefaultWeightDecay, bool amsgrad = false)
        : base(parameters, lr, betas, eps, weightDecay, amsgrad, decoupled: true) { }
}

/// <summary>AdamW described before its parameters exist: Adam's options with PyTorch's AdamW weight decay 0.01.</summary>
public sealed record AdamWOptions : AdamOptions
{
    /// <summary>The registry entry <c>adamw</c>.</summary>
    public static new IRegistryEntry<OptimizerOptions> Entry { get; } = new RegistryEntry<OptimizerOptions, AdamWOptions>("adamw", new(), o => o, "Adam with decoupled weight decay (PyTorch AdamW)");

    /// <summary>PyTorch's default <c>weight_decay</c> for AdamW.</summary>
    public const double DefaultWeightDecay = 1e-2;

    /// <summary>λ, PyTorch's <c>weight_decay</c> (default 0.01), decoupled from the gradient.</summary>
    public override double WeightDecay { get; init; } = DefaultWeightDecay;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string Name => "adamw";

    /// <inheritdoc/>
    private protected override bool DecoupledDecay => true;

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new AdamW<T>(parameters, LearningRate, (Beta1, Beta2), Epsilon, WeightDecay, AmsGrad);
}
