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
public sealed class BatchNorm1d<T> : Module<T>, IPlannableLayer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _batchMean, _batchVariance; // the last training batch's statistics (graph path)

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
        _batchMean = new T[features];
        _batchVariance = new T[features];
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
    public override Tensor<T> Forward(Tensor<T> x)
    {
        var y = IsTraining
            ? Ops.BatchNorm<T>.Apply(x, Weight, Bias, T.CreateTruncating(Eps), _batchMean, _batchVariance, batchStatistics: true, ToString())
            : Ops.BatchNorm<T>.Apply(x, Weight, Bias, T.CreateTruncating(Eps), RunningMean.Span, RunningVar.Span, batchStatistics: false, ToString());
        if (IsTraining) Track(_batchMean, _batchVariance, x.Shape[0]);
        return y;
    }

    /// <summary>Moves the running statistics towards a training batch's and counts the batch.</summary>
    internal void Track(ReadOnlySpan<T> mean, ReadOnlySpan<T> variance, int rows)
    {
        BatchNormKernel.UpdateRunning(mean, variance, rows, T.CreateTruncating(Momentum), RunningMean.Span, RunningVar.Span);
        NumBatchesTracked++;
    }

    int? IPlannableLayer<T>.InputWidth => Features;

    LayerStep<T>? IPlannableLayer<T>.CreateStep(int inputs, int maxRows) => new BatchNormStep<T>(this, maxRows);

    /// <summary><c>BatchNorm1d(64)</c>.</summary>
    public override string ToString() => $"BatchNorm1d({Features.ToString(CultureInfo.InvariantCulture)})";
}
