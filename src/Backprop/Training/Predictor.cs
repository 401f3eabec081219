using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// Inference without gradient bookkeeping: a model the <see cref="LayerPlan{T}"/> can express runs on buffers allocated once, so
/// predicting one sample allocates nothing and many rows run in chunks; other models go through
/// <see cref="Trainer.Predict{T}"/>.
/// </summary>
public sealed class Predictor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private readonly Loss _loss;
    private readonly LayerPlan<T>? _plan;
    private LayerPlan<T>? _chunkPlan; // for many rows: chunks of at least Trainer.ChunkRows, made on first use

    /// <summary>A predictor for <paramref name="model"/>, whose outputs <paramref name="loss"/> interprets (probabilities for classification);
    /// it runs at most <paramref name="maxBatch"/> rows at a time.</summary>
    public Predictor(Module<T> model, Loss loss, int maxBatch = 1)
    {
        _model = model;
        _loss = loss;
        _plan = LayerPlan<T>.TryCreate(model, Math.Max(maxBatch, 1));
    }

    /// <summary>True when it runs on the layer plan; false when it runs through the autograd graph.</summary>
    public bool IsPlanned => _plan is not null;

    /// <summary>Writes the prediction for one sample (<paramref name="features"/> [F]) into <paramref name="output"/> [outputs].</summary>
    public void Predict(ReadOnlySpan<T> features, Span<T> output)
    {
        if (_plan is null)
        {
            var result = Trainer.Predict(_model, _loss, Tensor<T>.FromArray(features.ToArray(), 1, features.Length));
            result.Span.CopyTo(output);
            return;
        }
        if (features.Length != _plan.Inputs)
            throw new ArgumentException($"Predict: {features.Length} features for a model with {_plan.Inputs} inputs.");
        if (output.Length < _plan.Outputs)
            throw new ArgumentException($"Predict: output has room for {output.Length} values; the model gives {_plan.Outputs}.");
        var raw = _plan.Forward(features, 1, training: false);
        raw.CopyTo(output);
        _loss.ToPredictions(output[.._plan.Outputs], _plan.Outputs);
    }

    /// <summary>Predictions for every row of <paramref name="x"/> [N, F]: [N, outputs], in chunks of at least 256 rows.</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        if (_plan is null) return Trainer.Predict(_model, _loss, x);
        _chunkPlan ??= _plan.MaxRows >= Trainer.ChunkRows ? _plan : LayerPlan<T>.TryCreate(_model, Trainer.ChunkRows)!;
        return PlanInference.Predict(_chunkPlan, _loss, x);
    }
}
