using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// An optimizer described before its parameters exist, with PyTorch's defaults: <see cref="Create{T}"/> builds it over a model's
/// parameters. <c>Network</c> and the CLI take one of these; a new optimizer is one file holding its class and its options.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate (PyTorch's <c>lr</c>).</summary>
    public abstract double LearningRate { get; init; }

    /// <summary>The optimizer's short name as model files and the CLI write it (<c>sgd</c>, <c>adam</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The optimizer over <paramref name="parameters"/>.</summary>
    public abstract Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>;
}
