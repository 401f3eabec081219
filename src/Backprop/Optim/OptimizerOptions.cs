using System.Text.Json.Serialization;
using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>
/// An optimizer described before its parameters exist, with PyTorch's defaults: <see cref="Create{T}"/> builds it over a model's
/// parameters. <c>Network</c> and the CLI take one of these; a new optimizer is one file holding its class and its options, and one
/// line in <see cref="Optimizers"/>.
/// </summary>
public abstract record OptimizerOptions
{
    /// <summary>The learning rate (PyTorch's <c>lr</c>).</summary>
    public abstract double LearningRate { get; init; }

    /// <summary>The optimizer's short name as model files and the CLI write it (<c>sgd</c>, <c>adam</c>).</summary>
    [JsonIgnore]
    public abstract string Name { get; }

    /// <summary>The numeric hyper-parameters besides <c>lr</c> that <see cref="With"/> sets, by PyTorch's names (<c>momentum</c>, <c>weight_decay</c>, <c>eps</c>...).</summary>
    [JsonIgnore]
    public abstract IReadOnlyList<string> HyperParameters { get; }

    /// <summary>
    /// A copy with the hyper-parameter PyTorch calls <paramref name="name"/> (<c>lr</c> or one of <see cref="HyperParameters"/>) set to
    /// <paramref name="value"/>; an <see cref="ArgumentException"/> names the accepted ones when this optimizer has no such hyper-parameter.
    /// </summary>
    public OptimizerOptions With(string name, double value) =>
        name == "lr" ? this with { LearningRate = value }
        : Set(name, value) ?? throw new ArgumentException($"{Name} has no hyper-parameter {name}; it takes lr, {string.Join(", ", HyperParameters)}.", nameof(name));

    /// <summary>A copy with <paramref name="name"/> (one of <see cref="HyperParameters"/>) set to <paramref name="value"/>, or null for an unknown name.</summary>
    protected abstract OptimizerOptions? Set(string name, double value);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (naming the hyper-parameter and its value) when a hyper-parameter is out of range.</summary>
    public void Validate() => Create<double>([]);

    /// <summary>
    /// One element's update written out with its numbers, last term θ (the explain face of <c>backprop explain</c> and the playground).
    /// By default each state buffer before and after; SGD and Adam write their rules out.
    /// </summary>
    public virtual IReadOnlyList<UpdateTerm> Explain(UpdateElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var terms = element.StateAfter.Select(b => new UpdateTerm(b.Key,
            $"{UpdateTerm.Show(element.StateBefore.GetValueOrDefault(b.Key))} → {UpdateTerm.Show(b.Value)}", b.Value)).ToList();
        terms.Add(new UpdateTerm("θ", $"{Name} step from {UpdateTerm.Show(element.Before)} with dL/dθ = {UpdateTerm.Show(element.Gradient)}", element.After));
        return terms;
    }

    /// <summary>The optimizer over <paramref name="parameters"/>.</summary>
    public abstract Optimizer<T> Create<T>(IEnumerable<Tensor<T>> parameters) where T : unmanaged, IFloatingPointIeee754<T>;
}
