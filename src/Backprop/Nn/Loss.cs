using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>A loss: a scalar measuring how far a batch of outputs is from its targets, averaged over the batch.</summary>
public abstract class Loss
{
    /// <summary>The scalar loss, recorded for <see cref="Tensor{T}.Backward()"/>.</summary>
    public abstract Tensor<T> Compute<T>(Tensor<T> output, Tensor<T> target) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>What the network's raw output means to a user: class probabilities for classification losses, the values themselves for regression.</summary>
    public virtual Tensor<T> Predict<T>(Tensor<T> output) where T : unmanaged, IFloatingPointIeee754<T> => output;

    /// <summary>
    /// The loss of a batch held in spans, writing dL/doutput into <paramref name="gradient"/>: the fused training step's entry.
    /// <paramref name="target"/> is [n] or [n, width]; call <see cref="CheckTargets{T}"/> on the data first.
    /// </summary>
    internal abstract T LossAndGradient<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> target, int n, int outputs, Span<T> gradient)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>Throws, saying what and where, unless <paramref name="target"/> suits a network with <paramref name="outputs"/> outputs.</summary>
    internal abstract void CheckTargets<T>(Tensor<T> target, int outputs) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The raw output at which a single-output classifier switches from class 0 to 1 (0 for logits).</summary>
    internal virtual double DecisionThreshold => 0.5;

    /// <summary>Turns raw outputs [n, outputs] into what <see cref="Predict{T}"/> returns, in place (probabilities or values).</summary>
    internal virtual void PredictInPlace<T>(Span<T> output, int outputs) where T : unmanaged, IFloatingPointIeee754<T> { }

    /// <summary>True when the targets are classes (accuracy makes sense).</summary>
    public abstract bool IsClassification { get; }

    /// <summary>The name as <see cref="Parse"/> reads it.</summary>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public const string Names = "softmax_ce, bce_logits, mse_half, mse_mean";

    /// <summary>Parses <c>softmax_ce</c> (or <c>ce</c>), <c>bce_logits</c> (or <c>bce</c>), <c>mse_half</c>, <c>mse_mean</c> (or <c>mse</c>).</summary>
    public static Loss Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "softmax_ce" or "ce" or "cross_entropy" or "crossentropy" => new CrossEntropy(),
        "bce_logits" or "bce" or "binary_cross_entropy" => new BinaryCrossEntropy(),
        "mse_half" or "half_squared_error" => new HalfSquaredError(),
        "mse_mean" or "mse" or "mean_squared_error" => new MeanSquaredError(),
        _ => throw new FormatException($"Unknown loss '{text}'; expected one of {Names}."),
    };
}
