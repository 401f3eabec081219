using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// Inference without gradient bookkeeping: a model the <see cref="LayerPlan{T}"/> can express runs on buffers allocated once, so
/// predicting one sample allocates nothing and many rows run in chunks; other models go through
/// <see cref="Trainer.Predict{T}"/>. Many threads may call one predictor at once (a web service does): each call runs on a
/// plan of its own, taken from a pool that grows to the number of simultaneous callers, and gets the bits a lone caller gets.
/// </summary>
public sealed class Predictor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private readonly Loss _loss;
    private readonly PlanPool<T>? _plans;
    private readonly int _inputs, _outputs;
    private PlanPool<T>? _chunkPlans; // for many rows: chunks of at least Trainer.ChunkRows, made on first use

    /// <summary>A predictor for <paramref name="model"/>, whose outputs <paramref name="loss"/> interprets (probabilities for classification);
    /// it runs at most <paramref name="maxBatch"/> rows at a time.</summary>
    public Predictor(Module<T> model, Loss loss, int maxBatch = 1)
    {
        _model = model;
        _loss = loss;
        if (LayerPlan<T>.TryCreate(model, Math.Max(maxBatch, 1)) is not { } plan) return;
        (_plans, _inputs, _outputs) = (new PlanPool<T>(model, plan), plan.Inputs, plan.Outputs);
    }

    /// <summary>True when it runs on the layer plan; false when it runs through the autograd graph.</summary>
    public bool IsPlanned => _plans is not null;

    /// <summary>Writes the prediction for one sample (<paramref name="features"/> [F]) into <paramref name="output"/> [outputs].</summary>
    public void Predict(ReadOnlySpan<T> features, Span<T> output)
    {
        if (_plans is null)
        {
            var result = Trainer.Predict(_model, _loss, Tensor<T>.FromArray(features.ToArray(), 1, features.Length));
            result.Span.CopyTo(output);
            return;
        }
        if (features.Length != _inputs)
            throw new ArgumentException($"Predict: {features.Length} features for a model with {_inputs} inputs.");
        if (output.Length < _outputs)
            throw new ArgumentException($"Predict: output has room for {output.Length} values; the model gives {_outputs}.");
        var plan = _plans.Rent();
        try { plan.Forward(features, 1, training: false).CopyTo(output); }
        finally { _plans.Return(plan); }
        _loss.ToPredictions(output[.._outputs], _outputs);
    }

    /// <summary>Predictions for every row of <paramref name="x"/> [N, F]: [N, outputs], in chunks of at least 256 rows.</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        if (_plans is null) return Trainer.Predict(_model, _loss, x);
        var pool = _plans.MaxRows >= Trainer.ChunkRows ? _plans : ChunkPlans();
        var plan = pool.Rent();
        try { return PlanInference.Predict(plan, _loss, x); }
        finally { pool.Return(plan); }
    }

    private PlanPool<T> ChunkPlans()
    {
        if (Volatile.Read(ref _chunkPlans) is { } pool) return pool;
        Interlocked.CompareExchange(ref _chunkPlans, new PlanPool<T>(_model, LayerPlan<T>.TryCreate(_model, Trainer.ChunkRows)!), null);
        return _chunkPlans!;
    }
}
