using System.Numerics;
using Backprop.Nn;

namespace Backprop.Training;

/// <summary>A copy of a model's parameters at the epoch with the lowest validation loss so far, for early stopping.</summary>
internal sealed class BestParameters<T>(Module<T> model) where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensors.Tensor<T>[] _parameters = [.. model.Parameters()];
    private T[][]? _saved;
    private double _loss = double.PositiveInfinity;

    /// <summary>The epoch saved (0 before any).</summary>
    public int Epoch { get; private set; }

    /// <summary>Saves the parameters if <paramref name="loss"/> beats the best so far; returns whether it did.</summary>
    public bool Offer(double loss, int epoch)
    {
        if (!(loss < _loss)) return false;
        _loss = loss;
        Epoch = epoch;
        _saved ??= [.. _parameters.Select(p => new T[p.Length])];
        for (int i = 0; i < _parameters.Length; i++) _parameters[i].Span.CopyTo(_saved[i]);
        return true;
    }

    /// <summary>Puts the saved parameters back.</summary>
    public void Restore()
    {
        if (_saved is null) return;
        for (int i = 0; i < _parameters.Length; i++) _saved[i].CopyTo(_parameters[i].Span);
    }
}
