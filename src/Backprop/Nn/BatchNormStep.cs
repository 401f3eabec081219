using System.Numerics;
using Backprop.Kernels;

namespace Backprop.Nn;

/// <summary>
/// A <see cref="BatchNorm1d{T}"/> layer in a plan: y = γ·x̂ + β with the batch's statistics in training (running statistics updated)
/// and the running ones in evaluation; backward dx = γ·s·(dy − mean(dy) − x̂·mean(dy ⊙ x̂)), dγ = Σ dy ⊙ x̂, dβ = Σ dy.
/// </summary>
internal sealed class BatchNormStep<T> : LayerStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly BatchNorm1d<T> _layer;
    private readonly T[] _y, _xhat, _mean, _variance, _inverse;
    private readonly T[]? _gammaGrad, _betaGrad; // scratch for the gradients of a layer without affine parameters
    private bool _batchStatistics; // whether the last forward used the batch's statistics

    public BatchNormStep(BatchNorm1d<T> layer, int maxRows) : base(layer.Features, layer.Features, maxRows)
    {
        _layer = layer;
        int f = layer.Features;
        _y = new T[maxRows * f]; _xhat = new T[maxRows * f];
        _mean = new T[f]; _variance = new T[f]; _inverse = new T[f];
        if (!layer.Affine) { _gammaGrad = new T[f]; _betaGrad = new T[f]; }
    }

    public override Span<T> Output => _y;

    public override void Forward(ReadOnlySpan<T> x, int rows, bool training)
    {
        int f = Inputs;
        _batchStatistics = training && _layer.IsTraining;
        if (_batchStatistics && rows < 2)
            throw new ArgumentException($"{_layer} needs at least 2 rows per batch in training mode to compute a variance; got a batch of {rows}.");
        ReadOnlySpan<T> mean = _layer.RunningMean.Span, variance = _layer.RunningVar.Span;
        if (_batchStatistics)
        {
            BatchNormKernel.Statistics(x, rows, f, _mean, _variance, _xhat);
            mean = _mean;
            variance = _variance;
        }
        BatchNormKernel.InverseStd(variance, T.CreateTruncating(_layer.Eps), _inverse);
        BatchNormKernel.Normalise(x, rows, f, mean, _inverse, _layer.Weight.Span, _layer.Bias.Span, _xhat, _y, centred: _batchStatistics);
        if (_batchStatistics) _layer.Track(_mean, _variance, rows);
    }

    public override void Backward(ReadOnlySpan<T> x, Span<T> dy, Span<T> dx, int rows)
    {
        var dgamma = _gammaGrad ?? _layer.Weight.GradBuffer().Span;
        var dbeta = _betaGrad ?? _layer.Bias.GradBuffer().Span;
        BatchNormKernel.Backward(_xhat, dy, rows, Inputs, _inverse, _layer.Weight.Span, dgamma, dbeta, dx.IsEmpty ? dx : dx[..(rows * Inputs)], _batchStatistics);
    }
}
