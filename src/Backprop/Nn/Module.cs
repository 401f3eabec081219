using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Nn;

/// <summary>
/// A piece of a network: it owns parameters and child modules, maps an input batch to an output,
/// and knows whether it is training or evaluating.
/// </summary>
public abstract class Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Maps a batch [N, features] to the module's output.</summary>
    public abstract Tensor<T> Forward(Tensor<T> x);

    /// <summary>This module's own parameters, by local name (not its children's).</summary>
    protected virtual IEnumerable<(string Name, Tensor<T> Value)> OwnParameters => [];

    /// <summary>The direct children, by local name.</summary>
    public virtual IEnumerable<(string Name, Module<T> Module)> Children => [];

    /// <summary>Every parameter of this module and its descendants, named by path (<c>layer1.w</c>, <c>layer2.b</c>; see <see cref="Sequential{T}"/>).</summary>
    public IEnumerable<(string Name, Tensor<T> Value)> NamedParameters()
    {
        foreach (var p in OwnParameters) yield return p;
        foreach (var (childName, child) in Children)
            foreach (var (name, value) in child.NamedParameters())
                yield return ($"{childName}.{name}", value);
    }

    /// <summary>Every parameter, in the order of <see cref="NamedParameters"/>.</summary>
    public IEnumerable<Tensor<T>> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>Total number of trainable values.</summary>
    public int ParameterCount => Parameters().Sum(p => p.Length);

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.ZeroGrad();
    }

    /// <summary>Switches this module and its children to training mode (or evaluation mode when false).</summary>
    public void Train(bool training = true)
    {
        IsTraining = training;
        foreach (var (_, child) in Children) child.Train(training);
    }

    /// <summary>Switches to evaluation mode.</summary>
    public void Eval() => Train(false);

    /// <summary>Shorthand for <see cref="Forward"/>.</summary>
    public Tensor<T> this[Tensor<T> x] => Forward(x);
}
