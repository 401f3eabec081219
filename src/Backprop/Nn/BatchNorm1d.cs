using System.Globalization;
using System.Numerics;
using Backprop.Kernels;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// Batch normalisation over rows [N, features] (PyTorch's <c>nn.BatchNorm1d</c>): y = γ·(x − μ)/√(σ² + ε) + β per feature. In training
/// mode μ and σ² are the batch's mean and biased variance, and the running statistics move towards them:
/// r_μ ← (1 − momentum)·r_μ + momentum·μ, r_σ² likewise with the unbiased variance; in evaluation mode the running statistics are used.
/// γ (<c>weight</c>, ones) and β (<c>bias</c>, zeros) are parameters when <see cref="Affine"/>; <see cref="RunningMean"/>,
/// <see cref="RunningVar"/> and <see cref="NumBatchesTracked"/> are state, not parameters.
/// </summary>
public sealed class BatchNorm1d<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Normalises <paramref name="features"/> features; PyTorch's defaults ε = 1e-5, momentum = 0.1, affine.</summary>
    public BatchNorm1d(int features, double eps = 1e-5, double momentum = 0.1, bool affine = true)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), $"BatchNorm1d: features must be at least 1; got {features}.");
        if (!(eps > 0) || double.IsInfinity(eps)) throw new ArgumentOutOfRangeException(nameof(eps), $"BatchNorm1d({features}): eps must be a positive number; got {eps}.");
        if (!(momentum >= 0 && momentum <= 1)) throw new ArgumentOutOfRangeException(nameof(momentum), $"BatchNorm1d({features}): momentum must be in [0, 1]; got {momentum}.");
        Features = features; Eps = eps; Momentum = momentum; Affine = affine;
        Weight = Tensor<T>.Ones(features);
        Bias = Tensor<T>.Zeros(features);
        Weight.RequiresGrad = Bias.RequiresGrad = affine;
        RunningMean = Tensor<T>.Zeros(features);
        RunningVar = Tensor<T>.Ones(features);
    }

    /// <summary>Number of features normalised.</summary>
    public int Features { get; }

    /// <summary>ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>How far the running statistics move towards each training batch's.</summary>
    public double Momentum { get; }

    /// <summary>Whether γ and β are learnt (else they stay 1 and 0).</summary>
    public bool Affine { get; }

    /// <summary>γ [features], PyTorch's <c>weight</c>.</summary>
    public Tensor<T> Weight { get; }

    /// <summary>β [features], PyTorch's <c>bias</c>.</summary>
    public Tensor<T> Bias { get; }

    /// <summary>Running mean [features] (starts at 0), used in evaluation mode.</summary>
    public Tensor<T> RunningMean { get; }

    /// <summary>Running variance [features] (starts at 1), used in evaluation mode.</summary>
    public Tensor<T> RunningVar { get; }

    /// <summary>Training batches seen (PyTorch's <c>num_batches_tracked</c>; restored when a model file is loaded).</summary>
    public long NumBatchesTracked { get; internal set; }

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor<T> Value)> OwnParameters => Affine ? [("weight", Weight), ("bias", Bias)] : [];

    /// <inheritdoc/>
    protected override IEnumerable<(string Name, Tensor<T> Value)> OwnBuffers => [("running_mean", RunningMean), ("running_var", RunningVar)];

    /// <inheritdoc/>
    protected override IEnumerable<StateEntry> OwnState =>
        base.OwnState.Append(new CounterState("num_batches_tracked", () => NumBatchesTracked, n => NumBatchesTracked = n));

    /// <inheritdoc/>
    public override Tensor<T> Forward(Tensor<T> x) => LayerOp<T>.Apply(this, x);

    /// <summary>Moves the running statistics towards a training batch's and counts the batch.</summary>
    internal void Track(ReadOnlySpan<T> mean, ReadOnlySpan<T> variance, int rows)
    {
        BatchNormKernel.UpdateRunning(mean, variance, rows, T.CreateTruncating(Momentum), RunningMean.Span, RunningVar.Span);
        NumBatchesTracked++;
    }

    /// <inheritdoc/>
    public override int? InputWidth => Features;

    /// <inheritdoc/>
    public override LayerStep<T> CreateStep(int inputs, int maxRows) => new BatchNormStep<T>(this, maxRows);

    /// <inheritdoc/>
    public override ModuleConfig Config => new BatchNormConfig(Features, Eps, Momentum, Affine);

    /// <inheritdoc/>
    public override bool DependsOnTheBatch => true;

    /// <inheritdoc/>
    public override IEnumerable<string> Torch(int inputs) =>
        [Affine ? $"BatchNorm1d({Features}, eps={Format(Eps)}, momentum={Format(Momentum)})" : $"BatchNorm1d({Features}, eps={Format(Eps)}, momentum={Format(Momentum)}, affine=False)"];

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string WriteOnnx(IOnnxGraph graph, string x) => // γ(x − r_μ)/√(r_σ² + ε) + β: evaluation mode
        graph.Node("BatchNormalization", [x, .. new[] { Weight, Bias, RunningMean, RunningVar }.Select(t => graph.Constant("bn", OnnxValues.View(t), Features))],
            ("epsilon", (float)Eps));

    /// <summary>Explain face: x̂ by this layer's step without γ and β (the same statistics), y = γ·x̂ + β by the layer itself; backward
    /// dL/dy, dγ, dβ and dL/dx from the autograd graph; its local derivatives for <c>--paths</c>.</summary>
    public override Tensor<T> Explain(Tensor<T> x, ExplainTrace<T> trace)
    {
        var plain = new BatchNorm1d<T>(Features, Eps, Momentum, affine: false);
        RunningMean.Span.CopyTo(plain.RunningMean.Span);
        RunningVar.Span.CopyTo(plain.RunningVar.Span);
        plain.Train(IsTraining);
        Tensor<T> xhat;
        using (Autograd.GradMode.NoGrad()) xhat = plain.Forward(x.Detach());
        var y = Forward(x);
        trace.Forward("x̂", IsTraining ? "x̂ = (x − mean_batch)/√(var_batch + ε)" : "x̂ = (x − running_mean)/√(running_var + ε)", xhat,
            IsTraining ? @"\hat{x} = (x - \mu_B)/\sqrt{\sigma_B^2 + \varepsilon}" : @"\hat{x} = (x - \mu_{\text{running}})/\sqrt{\sigma^2_{\text{running}} + \varepsilon}");
        trace.Forward("y", "y = γ·x̂ + β", y, @"y = \gamma \hat{x} + \beta");
        trace.Backward("dL/dy", "dL/dy", y, @"\partial L/\partial y");
        if (Affine)
        {
            trace.Gradient("dγ", "dγ = Σ_rows dL/dy ⊙ x̂", "weight", @"d\gamma = \sum_{\text{rows}} \partial L/\partial y \odot \hat{x}");
            trace.Gradient("dβ", "dβ = Σ_rows dL/dy", "bias", @"d\beta = \sum_{\text{rows}} \partial L/\partial y");
        }
        trace.Backward("dL/dx", IsTraining ? "dL/dx = γ·s·(g − mean(g) − x̂·mean(g ⊙ x̂)), g = dL/dy, s = 1/√(var_batch + ε)" : "dL/dx = dL/dy ⊙ γ/√(running_var + ε)", x,
            IsTraining ? @"\partial L/\partial x = \gamma s (g - \mathrm{mean}(g) - \hat{x}\,\mathrm{mean}(g \odot \hat{x}))" : @"\partial L/\partial x = \partial L/\partial y \odot \gamma/\sqrt{\sigma^2_{\text{running}} + \varepsilon}");
        trace.Jacobian(IsTraining ? "the batch's statistics tie every row to every other: ∂y[r,j]/∂x[r',j] = γ[j]·s[j]·(δ_rr' − 1/N − x̂[r,j]·x̂[r',j]/N)"
            : "∂y[j]/∂x[j] = γ[j]/√(running_var[j] + ε) (a diagonal: each output reads its own feature), ∂y[j]/∂γ[j] = x̂[j], ∂y[j]/∂β[j] = 1");
        return y;
    }

    /// <summary><c>BatchNorm1d(64)</c>.</summary>
    public override string ToString() => $"BatchNorm1d({Features.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>A <see cref="BatchNorm1d{T}"/>'s settings, PyTorch's names and defaults.</summary>
/// <param name="Features">Features normalised.</param>
/// <param name="Eps">ε added to the variance.</param>
/// <param name="Momentum">How far the running statistics move towards each training batch's.</param>
/// <param name="Affine">Whether γ and β are learnt.</param>
public sealed record BatchNormConfig(int Features, double Eps = 1e-5, double Momentum = 0.1, bool Affine = true) : ModuleConfig
{
    /// <inheritdoc/>
    public override Module<T> Build<T>(IReadOnlyList<Module<T>> children) => new BatchNorm1d<T>(Features, Eps, Momentum, Affine);

    /// <inheritdoc/>
    public override long Values => 4L * Math.Max(Features, 0);
}
