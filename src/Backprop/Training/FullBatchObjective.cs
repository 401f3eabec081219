using System.Numerics;
using Backprop.Data;
using Backprop.Kernels;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Training;

/// <summary>
/// The closure of an optimizer that evaluates the loss itself (<see cref="Optimizer{T}.RequiresClosure"/>, i.e. L-BFGS): the mean loss
/// over the whole training set and its gradient, in training mode. On the layer plan it runs in chunks of at most <see cref="ChunkRows"/>
/// rows, so a small set is one batch (exactly PyTorch's full batch) and a large one needs no buffers of its size: each chunk's gradient
/// is weighted by its share of the rows, L = Σ (n_c / N)·L_c; a model the plan cannot express runs the whole set through the graph.
/// </summary>
internal sealed class FullBatchObjective<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The most rows one evaluation puts through the plan at once.</summary>
    public const int ChunkRows = 4096;

    private readonly Module<T> _model;
    private readonly Loss _loss;
    private readonly Dataset<T> _data;
    private readonly LayerPlan<T>? _plan;
    private readonly Tensor<T>[] _parameters;
    private readonly T[][]? _sums; // the weighted gradient sums, when the set takes more than one chunk
    private readonly Func<T> _closure;
    private int _correct;
    private bool _first;

    public FullBatchObjective(Module<T> model, Loss loss, Dataset<T> data)
    {
        _model = model; _loss = loss; _data = data;
        _plan = LayerPlan<T>.TryCreate(model, Math.Min(data.Count, ChunkRows));
        _parameters = [.. model.Parameters()];
        if (_plan is not null && data.Count > ChunkRows) _sums = [.. _parameters.Select(p => new T[p.Length])];
        _closure = Evaluate;
    }

    /// <summary>One optimizer step on the whole set; returns the loss before it and how many rows the model then classified correctly.</summary>
    public (double Loss, int Correct) Step(Optimizer<T> optimizer)
    {
        _first = true;
        T loss = optimizer.Step(_closure);
        return (double.CreateTruncating(loss), _correct);
    }

    private T Evaluate()
    {
        var (loss, correct) = _plan is null ? GraphEvaluate() : PlanEvaluate(_plan);
        if (_first) (_correct, _first) = (correct, false);
        return loss;
    }

    private (T Loss, int Correct) PlanEvaluate(LayerPlan<T> plan)
    {
        int n = _data.Count, features = _data.Features, width = _data.TargetWidth, correct = 0;
        ReadOnlySpan<T> x = _data.X.Span, y = _data.Y.Span;
        T total = T.Zero;
        for (int start = 0; start < n; start += ChunkRows)
        {
            int rows = Math.Min(ChunkRows, n - start);
            var (loss, chunkCorrect) = plan.Step(x.Slice(start * features, rows * features), y.Slice(start * width, rows * width), rows, _loss);
            correct += chunkCorrect;
            if (_sums is null) return (loss, correct);
            T share = T.CreateTruncating((double)rows / n);
            total += share * loss;
            for (int k = 0; k < _parameters.Length; k++)
            {
                var g = _parameters[k].Grad!.Span;
                if (start == 0) TensorPrimitives.Multiply<T>(g, share, _sums[k]);
                else Elementwise.AddScaledInPlace<T>(_sums[k], g, share);
            }
        }
        for (int k = 0; k < _parameters.Length; k++) _sums![k].CopyTo(_parameters[k].Grad!.Span);
        return (total, correct);
    }

    // The autograd path: the whole set at once, gradients cleared first because backward adds to them.
    private (T Loss, int Correct) GraphEvaluate()
    {
        foreach (var p in _parameters) p.ZeroGrad();
        var output = _model.Forward(_data.X);
        var loss = _loss.Compute(output, _data.Y);
        loss.Backward();
        int n = _data.Count;
        int correct = _loss.IsClassification ? Metrics.CountCorrect<T>(_loss, output.Span, _data.Y.Span, n, output.Length / n) : 0;
        return (loss.Item, correct);
    }
}
