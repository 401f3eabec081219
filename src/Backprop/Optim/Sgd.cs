using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// Stochastic gradient descent as PyTorch's <c>torch.optim.SGD</c> documents it without momentum, dampening, Nesterov or weight
/// decay: g_t = ∇θ f(θ_{t-1}), θ_t = θ_{t-1} − γ·g_t, with γ the learning rate <c>lr</c>.
/// </summary>
public sealed class Sgd<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>SGD with learning rate <paramref name="lr"/> &gt; 0 (PyTorch's default 1e-3).</summary>
    public Sgd(IEnumerable<Tensor<T>> parameters, double lr = SgdOptions.DefaultLearningRate) : base(parameters, lr) { }

    /// <inheritdoc/>
    protected override void Update()
    {
        T step = -T.CreateTruncating(LearningRate);
        foreach (var p in Params)
            if (p.Grad is { } g) Elementwise.AddScaledInPlace(p.Span, g.Span, step);
    }
}

/// <summary>SGD described before its parameters exist: <c>new SgdOptions { LearningRate = 0.01 }</c>.</summary>
public sealed record SgdOptions : OptimizerOptions
{
    /// <summary>PyTorch's default learning rate.</summary>
    public const double DefaultLearningRate = 1e-3;

    /// <summary>γ, PyTorch's <c>lr</c> (default 1e-3).</summary>
    public override double LearningRate { get; init; } = DefaultLearningRate;

    /// <inheritdoc/>
    public override string Name => "sgd";

    /// <inheritdoc/>
    public override Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) => new Sgd<T>(parameters, LearningRate);
}
