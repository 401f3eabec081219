using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;
using Backprop.Training;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Diagnostics;

/// <summary>One layer's gradient size over an epoch.</summary>
/// <param name="Name">The weight's name (<c>layer1.w</c>, <c>layer2.w</c>, ...).</param>
/// <param name="MeanAbsGradient">Mean over the observed steps of mean |dL/dW|.</param>
/// <param name="Norm">Mean over the observed steps of ‖dL/dW‖₂.</param>
public sealed record LayerGradient(string Name, double MeanAbsGradient, double Norm)
{
    /// <summary>The layer the weight belongs to: <c>layer1</c> for <c>layer1.w</c>.</summary>
    public string Layer => Name.LastIndexOf('.') is > 0 and var dot ? Name[..dot] : Name;
}

/// <summary>
/// A gradient-flow callback: after each training step, <see cref="Observe"/> reads every weight matrix's gradient;
/// <see cref="EndEpoch"/> gives per-layer averages since the last call. As a training callback it observes every step and
/// keeps each epoch's averages in <see cref="LastEpoch"/> (put it before callbacks that show them).
/// </summary>
public sealed class GradientFlow<T> : ITrainingCallback where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly (string Name, Tensor<T> Weight)[] _weights;
    private readonly double[] _meanAbs, _norm;
    private int _steps;

    /// <summary>Watches the weight matrices (rank-2 parameters) of <paramref name="model"/>.</summary>
    public GradientFlow(Module<T> model)
    {
        _weights = [.. model.NamedParameters().Where(p => p.Value.Rank == 2)];
        _meanAbs = new double[_weights.Length];
        _norm = new double[_weights.Length];
    }

    /// <summary>Reads the current gradients (call after a training step, before they are cleared).</summary>
    public void Observe()
    {
        for (int i = 0; i < _weights.Length; i++)
        {
            var g = _weights[i].Weight.Grad;
            if (g is null) continue;
            _meanAbs[i] += double.CreateTruncating(TensorPrimitives.SumOfMagnitudes<T>(g.Span)) / g.Length;
            _norm[i] += double.CreateTruncating(TensorPrimitives.Norm<T>(g.Span));
        }
        _steps++;
    }

    /// <summary>Per-layer averages over the steps observed since the last call, first layer first; then starts afresh.</summary>
    public IReadOnlyList<LayerGradient> EndEpoch()
    {
        int steps = Math.Max(_steps, 1);
        var result = _weights.Select((w, i) => new LayerGradient(w.Name, _meanAbs[i] / steps, _norm[i] / steps)).ToArray();
        Array.Clear(_meanAbs); Array.Clear(_norm); _steps = 0;
        return result;
    }

    /// <summary>The per-layer averages of the last epoch ended during training (empty before).</summary>
    public IReadOnlyList<LayerGradient> LastEpoch { get; private set; } = [];

    void ITrainingCallback.OnTrainBegin(TrainingContext context) => EndEpoch();

    void ITrainingCallback.OnStepEnd(StepReport step, TrainingContext context) => Observe();

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context) => LastEpoch = EndEpoch();
}
