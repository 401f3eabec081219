using System.Numerics;
using Backprop.Tensors;

namespace Backprop.Optim;

/// <summary>Updates parameters from their gradients.</summary>
public abstract class Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>An optimizer over the given parameters.</summary>
    protected Optimizer(IEnumerable<Tensor<T>> parameters)
    {
        Params = parameters.ToArray();
        foreach (var p in Params)
            if (!p.RequiresGrad) throw new ArgumentException($"Optimizer: parameter {p.Name ?? p.Shape.ToString()} does not require a gradient.");
    }

    /// <summary>The parameters updated by <see cref="Step"/>.</summary>
    public IReadOnlyList<Tensor<T>> Parameters => Params;

    /// <summary>The parameters as an array, for loops that must not allocate an enumerator.</summary>
    protected Tensor<T>[] Params { get; }

    /// <summary>Applies one update from the current gradients.</summary>
    public abstract void Step();

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Params) p.ZeroGrad();
    }
}
