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

    private protected abstract void CopyIn();

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

    internal override void CopyBack()
    {
        if (Epoch == 0) throw new InvalidOperationException("ParameterSnapshot: nothing captured yet, so there is nothing to restore.");
        for (int i = 0; i < _parameters.Length; i++) _saved[i].CopyTo(_parameters[i].Span);
    }
}
