using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// One training step on one batch — gradients cleared, forward, loss, backward, the optimizer's update — set up once
/// and run many times (Keras' <c>train_on_batch</c>). After a step every parameter's Grad holds that step's gradient. A model the
/// <see cref="LayerPlan{T}"/> can express (Dense, activation, Dropout and BatchNorm1d layers, in Sequentials) runs on the plan and allocates nothing per
/// step; any other model runs through the autograd graph, and <see cref="IsPlanned"/> says so.
/// </summary>
public sealed class TrainingStep<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Module<T> _model;
    private readonly Loss _loss;
    private readonly Optimizer<T> _optimizer;
    private readonly LayerPlan<T>? _plan;
    private readonly GradientRules<T>? _rules;
    private readonly (string Name, Tensor<T> Value)[] _parameters;
    private readonly TensorState<T>[] _buffers; // the modules' buffers (running statistics), which a skipped step puts back
    private readonly CounterState[] _counters;
    private readonly T[][] _savedStatistics;
    private readonly long[] _savedCounts;

    /// <summary>
    /// A step for batches of at most <paramref name="maxBatch"/> rows; the L1 penalty and gradient clipping of <paramref name="options"/>
    /// (its other settings are the trainer's) act on the gradients between backward and the update.
    /// </summary>
    public TrainingStep(Module<T> model, Loss loss, Optimizer<T> optimizer, int maxBatch, TrainOptions? options = null)
    {
        if (maxBatch < 1) throw new ArgumentOutOfRangeException(nameof(maxBatch), $"TrainingStep: the batch size must be at least 1; got {maxBatch}.");
        options?.Validate();
        _model = model; _loss = loss; _optimizer = optimizer;
        _rules = GradientRules<T>.For(optimizer.Parameters, options);
        _plan = LayerPlan<T>.TryCreate(model, maxBatch);
        _parameters = [.. model.NamedParameters()];
        var state = options?.OnNonFinite == NonFinitePolicy.Skip ? [.. model.StateDict().Select(s => s.Entry)] : Array.Empty<StateEntry>();
        _buffers = [.. state.OfType<TensorState<T>>().Where(t => t.IsBuffer)];
        _counters = [.. state.OfType<CounterState>()];
        _savedStatistics = [.. _buffers.Select(b => new T[b.Value.Length])];
        _savedCounts = new long[_counters.Length];
        MaxBatch = maxBatch;
    }

    /// <summary>True when the step runs on the allocation-free layer plan; false when it runs on the autograd graph.</summary>
    public bool IsPlanned => _plan is not null;

    /// <summary>
    /// Null after a step whose loss and gradients were finite (its update applied); after one where some were NaN or infinite, what
    /// and where (e.g. "the gradient of layer2.w became NaN first"), and the update was not applied.
    /// </summary>
    public string? NonFinite { get; private set; }

    /// <summary>The largest batch a step takes.</summary>
    public int MaxBatch { get; }

    /// <summary>
    /// Throws, saying what and where, unless data with these features and targets (class indices of <paramref name="classes"/>
    /// classes, or 0) fits the model and the loss: checked once, before any kernel runs (on a planned model; the autograd path checks as it goes).
    /// </summary>
    public void Check(int features, Tensor<T> targets, int classes = 0)
    {
        if (_plan is null) return;
        CheckWidths(features, targets.Rank == 1 ? 1 : targets.Shape[1], classes);
        _loss.CheckTargets(targets, new Shape(targets.Shape[0], _plan.Outputs));
    }

    /// <summary>The checks of <see cref="Check"/> that need no target values: the feature count, and the outputs the loss needs for
    /// <paramref name="targetWidth"/> target values per row (class indices of <paramref name="classes"/> classes when 1 and classes &gt; 0).</summary>
    internal void CheckWidths(int features, int targetWidth, int classes)
    {
        if (_plan is null) return;
        _plan.CheckFeatures(features);
        bool labels = classes > 0 && targetWidth == 1 && _loss.Task != TaskKind.Regression;
        int k = labels ? classes : targetWidth;
        if ((labels || _loss.Task == TaskKind.Regression) && _loss.OutputsFor(k) != _plan.Outputs)
            throw new ArgumentException($"Loss {_loss.Name} needs [N, {_loss.OutputsFor(k)}] outputs for {k} {(labels ? "classes" : "target columns")}, " +
                $"but the model gives [N, {_plan.Outputs}].");
    }

    /// <summary>Metrics of the model on <paramref name="data"/> in evaluation mode: on the plan in chunks of <see cref="MaxBatch"/> rows, else through the graph.</summary>
    internal Metrics Evaluate(Dataset<T> data)
        => _plan is null ? Trainer.Evaluate(_model, _loss, data) : PlanInference.Evaluate(_plan, _loss, data);

    /// <summary>
    /// One step on <paramref name="n"/> rows: features <paramref name="x"/> [n, F] and targets <paramref name="y"/> [n] or [n, K],
    /// row-major. Returns the batch's loss before the update and how many rows it classified correctly (0 for regression). A step whose
    /// loss or gradients are not finite applies no update and says why in <see cref="NonFinite"/>.
    /// </summary>
    public (double Loss, int Correct) Run(ReadOnlySpan<T> x, ReadOnlySpan<T> y, int n) => Run(x, y, default, n);

    /// <summary>
    /// One step as <see cref="Run(ReadOnlySpan{T}, ReadOnlySpan{T}, int)"/> with each row weighted by <paramref name="weights"/> (n weights ≥ 0, or
    /// empty for none): the loss minimised is Σ wᵢ·lᵢ / Σ wᵢ (<see cref="Loss.WeightedValueAndGradient{T}"/>), on the plan and on the graph alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double Loss, int Correct) Run(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> weights, int n)
    {
        if (!weights.IsEmpty && weights.Length != n) throw new ArgumentException($"TrainingStep: {weights.Length} row weights for a batch of {n} rows.");
        if (n < 1 || n > MaxBatch) throw new ArgumentOutOfRangeException(nameof(n), $"TrainingStep: a batch of {n} rows; allowed 1..{MaxBatch}.");
        if (x.Length % n != 0 || y.Length % n != 0)
            throw new ArgumentException($"TrainingStep: {x.Length} feature values and {y.Length} target values do not split into {n} rows.");
        RunningStatistics(save: true);
        var (loss, correct) = _plan is not null ? _plan.Step(x, y, weights, n, _loss) : GraphStep(x, y, weights, n);
        _rules?.Apply();
        double value = double.CreateTruncating(loss);
        NonFinite = Divergence.Find(value, _parameters);
        if (NonFinite is null) _optimizer.Step();
        else RunningStatistics(save: false);
        return (value, correct);
    }

    /// <summary>One step on a batch given as tensors: features [n, F], targets [n] or [n, K]. Returns the loss before the update.</summary>
    public double Run(Tensor<T> x, Tensor<T> y)
    {
        if (x.Rank != 2) throw new ArgumentException($"TrainingStep: features must be [N, F]; got {x.Shape}.");
        if (y.Rank == 0 || y.Shape[0] != x.Shape[0]) throw new ArgumentException($"TrainingStep: {(y.Rank == 0 ? 0 : y.Shape[0])} targets for a batch of {x.Shape[0]}.");
        return Run(x.Span, y.Span, x.Shape[0]).Loss;
    }

    // Copies the modules' buffers and counters (batch norm's running statistics) aside before a step, or back after a skipped one (only under NonFinitePolicy.Skip).
    private void RunningStatistics(bool save)
    {
        for (int i = 0; i < _buffers.Length; i++)
            if (save) _buffers[i].Value.Span.CopyTo(_savedStatistics[i]);
            else _savedStatistics[i].CopyTo(_buffers[i].Value.Span);
        for (int i = 0; i < _counters.Length; i++)
            if (save) _savedCounts[i] = _counters[i].Get();
            else _counters[i].Set(_savedCounts[i]);
    }

    // The autograd path, for models the layer plan does not cover.
    private (T Loss, int Correct) GraphStep(ReadOnlySpan<T> xValues, ReadOnlySpan<T> yValues, ReadOnlySpan<T> weights, int n)
    {
        int features = xValues.Length / n, width = yValues.Length / n;
        var x = new Tensor<T>(new Shape(n, features), xValues.ToArray());
        var y = new Tensor<T>(width == 1 ? new Shape(n) : new Shape(n, width), yValues.ToArray());
        _optimizer.ZeroGrad();
        var output = _model.Forward(x);
        var l = weights.IsEmpty ? _loss.Compute(output, y) : _loss.Compute(output, y, new Tensor<T>(new Shape(n), weights.ToArray()));
        l.Backward();
        int correct = _loss.IsClassification ? Metrics.CountCorrect<T>(_loss, output.Span, y.Span, n, output.Length / n) : 0;
        return (l.Item, correct);
    }
}
