using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>A copy of a model's parameters taken at one epoch (for restoring the best weights); made by <see cref="TrainingContext.NewSnapshot"/>.</summary>
public abstract class ParameterSnapshot
{
    private protected ParameterSnapshot() { }

    /// <summary>The epoch of the copy held (0 before the first <see cref="Capture"/>).</summary>
    public int Epoch { get; private set; }

    /// <summary>Copies the model's current parameters in, as those of <paramref name="epoch"/> (no allocation).</summary>
    public void Capture(int epoch)
    {
        CopyIn();
        Epoch = epoch;
    }

    /// <summary>Puts <paramref name="values"/> (all parameters, flattened in order, as from <see cref="Values"/>) in as the copy of <paramref name="epoch"/>.</summary>
    internal void Load(double[] values, int epoch)
    {
        LoadValues(values);
        Epoch = epoch;
    }

    /// <summary>The values held, all parameters flattened in order (exact as doubles), for a checkpoint.</summary>
    internal abstract double[] Values();

    private protected abstract void CopyIn();

    private protected abstract void LoadValues(double[] values);

    internal abstract void CopyBack();
}

internal sealed class ParameterSnapshot<T>(Module<T> model) : ParameterSnapshot where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Tensor<T>[] _parameters = [.. model.Parameters()];
    private readonly T[][] _saved = [.. model.Parameters().Select(p => new T[p.Length])];

    private protected override void CopyIn()
    {
        for (int i = 0; i < _parameters.Length; i++) _parameters[i].Span.CopyTo(_saved[i]);
    }

    internal override double[] Values() => [.. _saved.SelectMany(s => s).Select(double.CreateTruncating)];

    private protected override void LoadValues(double[] values)
    {
        if (values.Length != _saved.Sum(s => s.Length))
            throw new ArgumentException($"EarlyStopping: the saved best weights hold {values.Length} values; the model has {_saved.Sum(s => s.Length)}.");
        int at = 0;
        foreach (var saved in _saved)
            for (int i = 0; i < saved.Length; i++) saved[i] = T.CreateTruncating(values[at++]);
    }

    internal override void CopyBack()
    {
        if (Epoch == 0) throw new InvalidOperationException("ParameterSnapshot: nothing captured yet, so there is nothing to restore.");
        for (int i = 0; i < _parameters.Length; i++) _saved[i].CopyTo(_parameters[i].Span);
    }
}
