using System.Numerics;
using Backprop.Nn;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// Inference without gradient bookkeeping: for a stack of <see cref="Dense{T}"/> layers it runs the dense kernels on buffers
/// allocated once, so predicting one sample allocates nothing; other models go through <see cref="Trainer.Predict{T}"/>.
/// </summary>
public sealed class Predictor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private readonly Loss _loss;
    private FusedMlp<T>? _plan;

    /// <summary>A predictor for <paramref name="model"/>, whose outputs <paramref name="loss"/> interprets (probabilities for classification).</summary>
    public Predictor(Module<T> model, Loss loss, int maxBatch = 1)
    {
        _model = model;
        _loss = loss;
        _plan = FusedMlp<T>.TryCreate(model, Math.Max(maxBatch, 1));
    }

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
        var raw = _plan.Forward(features, 1);
        raw.CopyTo(output);
        _loss.PredictInPlace(output[.._plan.Outputs], _plan.Outputs);
    }

    /// <summary>Predictions for every row of <paramref name="x"/> [N, F]: [N, outputs].</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        if (_plan is null) return Trainer.Predict(_model, _loss, x);
        if (x.Rank != 2 || x.Shape[1] != _plan.Inputs)
            throw new ArgumentException($"Predict: input {x.Shape} does not fit a model with {_plan.Inputs} inputs (want [N, {_plan.Inputs}]).");
        int n = x.Shape[0];
        if (n > _plan.MaxBatch) _plan = FusedMlp<T>.TryCreate(_model, n)!;
        var result = new Tensor<T>(new Shape(n, _plan.Outputs));
        _plan.Forward(x.Span, n).CopyTo(result.Span);
        _loss.PredictInPlace(result.Span, _plan.Outputs);
        return result;
    }
}
