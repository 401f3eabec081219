using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// Adam (Kingma and Ba, 2015) as PyTorch's <c>torch.optim.Adam</c> documents it without weight decay or AMSGrad: at step t,
/// m_t = β₁m_{t-1} + (1 − β₁)g_t, v_t = β₂v_{t-1} + (1 − β₂)g_t², m̂_t = m_t / (1 − β₁ᵗ), v̂_t = v_t / (1 − β₂ᵗ),
/// θ_t = θ_{t-1} − γ·m̂_t / (√v̂_t + ε). Its state is the step count t and the moments m (<c>exp_avg</c>) and v (<c>exp_avg_sq</c>).
/// </summary>
public sealed class Adam<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _m, _v;

    /// <summary>
    /// Adam with PyTorch's parameters and defaults: learning rate <paramref name="lr"/> γ (1e-3), <paramref name="betas"/> (β₁, β₂)
    /// the decays of the two moments ((0.9, 0.999)), and <paramref name="eps"/> ε added to √v̂ (1e-8).
    /// </summary>
    public Adam(IEnumerable<Tensor<T>> parameters, double lr = AdamOptions.DefaultLearningRate, (double Beta1, double Beta2)? betas = null,
        double eps = AdamOptions.DefaultEpsilon) : base(parameters, lr)
    {
        var (beta1, beta2) = betas ?? (AdamOptions.DefaultBeta1, AdamOptions.DefaultBeta2);
        if (!(beta1 is >= 0 and < 1) || !(beta2 is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(betas), $"Adam: β₁ and β₂ must lie in [0, 1); got {beta1} and {beta2}.");
        if (!(eps >= 0) || double.IsInfinity(eps))
            throw new ArgumentOutOfRangeException(nameof(eps), $"Adam: ε must be a finite number ≥ 0; got {eps}.");
        Beta1 = beta1; Beta2 = beta2; Epsilon = eps;
        _m = Buffer("exp_avg");
        _v = Buffer("exp_avg_sq");
    }

    /// <summary>β₁, the decay of the first moment m (PyTorch's <c>betas[0]</c>).</summary>
    public double Beta1 { get; }

    /// <summary>β₂, the decay of the second moment v (PyTorch's <c>betas[1]</c>).</summary>
    public double Beta2 { get; }

    /// <summary>ε, added to √v̂ against division by zero (PyTorch's <c>eps</c>).</summary>
    public double Epsilon { get; }

    /// <inheritdoc/>
    protected override void Update()
    {
        T b1 = T.CreateTruncating(Beta1), b2 = T.CreateTruncating(Beta2), eps = T.CreateTruncating(Epsilon);
        T c1 = T.One / (T.One - T.CreateTruncating(Math.Pow(Beta1, Steps)));
        T c2 = T.One / (T.One - T.CreateTruncating(Math.Pow(Beta2, Steps)));
        T lr = T.CreateTruncating(LearningRate);
        for (int k = 0; k < Params.Length; k++)
        {
            if (Params[k].Grad is not { } grad) continue;
            Span<T> w = Params[k].Span, m = _m[k], v = _v[k];
            ReadOnlySpan<T> g = grad.Span;
            for (int i = 0; i < w.Length; i++)
            {
                m[i] = b1 * m[i] + (T.One - b1) * g[i];
                v[i] = b2 * v[i] + (T.One - b2) * g[i] * g[i];
                w[i] -= lr * (m[i] * c1) / (T.Sqrt(v[i] * c2) + eps);
            }
        }
    }
}

/// <summary>Adam described before its parameters exist: <c>new AdamOptions { LearningRate = 1e-3, Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8 }</c>.</summary>
public sealed record AdamOptions : OptimizerOptions
{
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

    /// <inheritdoc/>
    public override string Name => "adam";

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Adam<T>(parameters, LearningRate, (Beta1, Beta2), Epsilon);
}
