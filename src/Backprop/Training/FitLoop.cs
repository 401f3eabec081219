using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Data;
using Backprop.Errors;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>
/// The training loop of <see cref="Trainer.Fit{T}"/>, one optimizer
/// step per <see cref="Step"/> call (an enumerator over the steps): epochs of mini-batches read from an <see cref="IBatchSource{T}"/>, each step
/// forward, loss, backward, update, the callbacks around them; each epoch ends with the validation pass and its report. <c>Fit</c> is
/// <c>while (loop.Step()) { }</c>; an interactive caller (the playground) calls <see cref="Step"/> when it wants the next step and reads the
/// last batch in between. Made by <see cref="Trainer.Start{T}"/>.
/// </summary>
public sealed class FitLoop<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private CheckpointLock? _held; // the checkpoint directory's lock, held from the start to the end of the run
    private readonly Module<T> _model;
    private readonly Loss _loss;
    private readonly Optimizer<T> _optimizer;
    private readonly IBatchSource<T> _train;
    private readonly TrainOptions _options;
    private readonly Func<TrainingStep<T>, Metrics>? _validate;
    private readonly double _lossScale;
    private readonly Scaler? _scaler, _targetScaler;
    private readonly FullBatchObjective<T>? _fullBatch;
    private readonly ITrainingCallback[] _callbacks;
    private readonly TrainingContext<T> _context;
    private readonly TrainingStep<T> _trainingStep;
    private readonly int _batch, _lastEpoch, _rows, _features, _width; // the source's shape, read once
    private readonly T[] _x, _y;
    private readonly T[]? _w; // the batch's row weights, when the rows or classes are weighted
    private readonly Tensor<T>? _sampleWeights;
    private readonly T[]? _classWeights;
    private readonly RunPosition _run;
    private readonly List<EpochReport> _history = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _written;
    private bool _inEpoch;
    private TimeSpan _epochStart;
    private int _seenAtStart;

    internal FitLoop(Module<T> model, Loss loss, Optimizer<T> optimizer, IBatchSource<T> train, TrainOptions options,
        Func<TrainingStep<T>, Metrics>? validate, double lossScale, Scaler? scaler, Scaler? targetScaler)
    {
        Trainer.Check(model, optimizer, options);
        Trainer.CheckTask(loss, train.Classes, "training");
        if (train.Count == 0) throw new ArgumentException("Fit: the training set is empty.");
        (_model, _loss, _optimizer, _train, _options, _validate, _lossScale, _scaler, _targetScaler) =
            (model, loss, optimizer, train, options, validate, lossScale, scaler, targetScaler);
        _callbacks = options.AllCallbacks();
        _context = new TrainingContext<T>(model, optimizer, validate is not null);

        // An optimizer that evaluates the loss itself (L-BFGS) takes one full-batch step per epoch; BatchSize only sizes the validation chunks.
        var inMemory = train as Dataset<T>;
        if (optimizer.RequiresClosure)
            _fullBatch = new FullBatchObjective<T>(model, loss, inMemory ?? throw new ArgumentException(
                $"{optimizer.GetType().Name.Split('`')[0]} evaluates the loss of the whole training set at once; it needs an in-memory Dataset, not a streaming batch source."));
        (_rows, _features, _width) = (train.Count, train.Features, train.TargetWidth);
        _batch = Math.Min(options.BatchSize, train.Count);
        StepsPerEpoch = Trainer.StepsPerEpoch(train.Count, options.BatchSize, options.DropLast, _fullBatch is not null);
        _x = new T[_batch * train.Features];
        _y = new T[_batch * train.TargetWidth];
        (_sampleWeights, _classWeights) = (inMemory?.Weights, ClassWeightsFor(options.ClassWeights, loss, train));
        if (_sampleWeights is not null || _classWeights is not null)
        {
            if (_fullBatch is not null) throw new ArgumentException($"{optimizer.GetType().Name.Split('`')[0]} takes no sample or class weights (its full-batch loss is unweighted); use another optimizer.");
            _w = new T[_batch];
        }
        _trainingStep = new TrainingStep<T>(model, loss, optimizer, _batch, options);
        if (inMemory is not null) _trainingStep.Check(inMemory.Features, inMemory.Y, inMemory.Classes);
        else _trainingStep.CheckWidths(train.Features, train.TargetWidth, train.Classes);
        foreach (var callback in _callbacks) callback.OnTrainBegin(_context);
        _run = new RunPosition(options.InitialEpoch + 1, 0, new Rng(options.Seed), [.. Enumerable.Range(0, train.Count)])
        {
            Batching = (_fullBatch is null ? _batch : train.Count, StepsPerEpoch),
        };
        if (options.ResumeFrom is { } resume) _run = resume.Restore(model, optimizer, _callbacks, train.Count, _run.Batching, _run.Shuffle);
        else if (options.Shuffle && train.IsIndexed) // continue the shuffling where a run of InitialEpoch epochs with this seed left it
            for (int epoch = 1; epoch <= options.InitialEpoch; epoch++) _run.Shuffle.Shuffle(_run.Order);
        _lastEpoch = options.InitialEpoch + options.Epochs;
        _held = options.Checkpoints is { } into ? Hold(into.Directory, _run.RunId) : null;
        model.Train();
    }

    // Locks the checkpoint directory for this run, which must be the only one whose checkpoints it holds.
    private static CheckpointLock Hold(string directory, string runId)
    {
        var held = CheckpointLock.Acquire(directory);
        try { CheckpointDirectory.CheckOwnedBy(directory, runId); }
        catch { held.Dispose(); throw; }
        return held;
    }

    /// <summary>Releases the checkpoint directory's lock (done when the run finishes or a step throws; call it when abandoning a loop early).</summary>
    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }

    /// <summary>Optimizer steps per epoch (see <see cref="Trainer.StepsPerEpoch"/>).</summary>
    public int StepsPerEpoch { get; }

    /// <summary>The epoch in progress, or the next one to run (1-based).</summary>
    public int Epoch => _run.Epoch;

    /// <summary>Steps taken over every <see cref="Step"/> call.</summary>
    public long StepsTaken { get; private set; }

    /// <summary>The last step's loss on its batch (before its update), times the loss scale; NaN before the first step.</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>Null after a step whose loss and gradients were finite; else what went NaN or infinite, and where (its update was not applied).</summary>
    public string? LastNonFinite { get; private set; }

    /// <summary>The last step's batch as the model saw it: features [rows, F] and targets [rows, K], row-major (empty before the first step;
    /// reused by the next step).</summary>
    public (ReadOnlyMemory<T> X, ReadOnlyMemory<T> Y, int Rows) LastBatch { get; private set; }

    /// <summary>What the run did, once <see cref="Step"/> has returned false; null before.</summary>
    public FitResult? Result { get; private set; }

    /// <summary>
    /// Takes the next optimizer step, beginning the epoch before it (shuffle, <see cref="ITrainingCallback.OnEpochBegin"/>) and ending the epoch
    /// after its last one (validation, report, <see cref="ITrainingCallback.OnEpochEnd"/>, checkpoint) as <c>Fit</c> does. Returns false, taking no
    /// step, once every epoch has run or a callback stopped or interrupted training; <see cref="Result"/> then holds the outcome.
    /// </summary>
    /// <exception cref="BackpropException">A step's loss or gradient was not finite under <see cref="NonFinitePolicy.Stop"/>.</exception>
    public bool Step()
    {
        try { return Next(); }
        catch { Dispose(); throw; }
    }

    private bool Next()
    {
        if (Result is not null) return false;
        if (!_inEpoch && !BeginEpoch()) return Finish();
        if (_context.InterruptRequested) return Finish();
        if (_run.Step < StepsPerEpoch) TakeStep(); // a run resumed from a checkpoint taken after an epoch's last step only ends that epoch
        if (_context.InterruptRequested) { Finish(); return true; }
        if (_run.Step == StepsPerEpoch) EndEpoch();
        return true;
    }

    private bool BeginEpoch()
    {
        if (_run.Epoch > _lastEpoch || _context.StopRequested) return false;
        if (_options.Shuffle && _train.IsIndexed && _run.Step == 0) _run.Shuffle.Shuffle(_run.Order);
        foreach (var callback in _callbacks) callback.OnEpochBegin(_run.Epoch, _context);
        (_epochStart, _seenAtStart, _inEpoch) = (_clock.Elapsed, _run.Seen, true); // a resumed epoch counts only the rows seen since
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TakeStep()
    {
        int epoch = _run.Epoch, step = _run.Step, features = _features, width = _width;
        int n = _fullBatch is null ? Math.Min(_batch, _rows - step * _batch) : _rows;
        if (_fullBatch is null) ReadBatch(epoch, _run.Order.AsSpan(step * _batch, n));
        var (stepLoss, batchCorrect) = _fullBatch?.Step(_optimizer) ?? _trainingStep.Run(_x.AsSpan(0, n * features), _y.AsSpan(0, n * width), _w is null ? default : _w.AsSpan(0, n), n);
        double l = stepLoss * _lossScale;
        string? nonFinite = _fullBatch is null ? _trainingStep.NonFinite : double.IsFinite(l) ? null : $"the loss became {l}";
        if (nonFinite is not null && _options.OnNonFinite == NonFinitePolicy.Stop)
            throw new BackpropException(ErrorKind.Training, $"Training diverged at epoch {epoch}, step {step + 1}: {nonFinite}, so the update was not applied; try a smaller learning rate.");
        if (nonFinite is null) { _run.LossSum += l * n; _run.Seen += n; _run.Correct += batchCorrect; }
        else _run.Skipped++;
        _run.Step++;
        StepsTaken++;
        (LastLoss, LastNonFinite) = (l, nonFinite);
        if (_fullBatch is null) LastBatch = (_x.AsMemory(0, n * features), _y.AsMemory(0, n * width), n);
        foreach (var callback in _callbacks) callback.OnStepEnd(new StepReport(epoch, step + 1, StepsPerEpoch, l), _context);
        long done = (long)(epoch - 1) * StepsPerEpoch + _run.Step;
        bool atEpochCheckpoint = _run.Step == StepsPerEpoch && _options.Checkpoints is { EveryEpochs: > 0 and var each } && epoch % each == 0; // written at the epoch's end
        if (_options.Checkpoints is { EverySteps: > 0 and var every } && done % every == 0 && !atEpochCheckpoint || _context.InterruptRequested)
            _written = WriteCheckpoint() ?? _written;
    }

    // The class weights as T, checked against the task and the classes of the training rows; null when there are none.
    private static T[]? ClassWeightsFor(IReadOnlyList<double>? weights, Loss loss, IBatchSource<T> train)
    {
        if (weights is null) return null;
        if (train.Classes == 0 || !loss.IsClassification || train.TargetWidth != 1)
            throw new ArgumentException($"Fit: class weights need class-index targets, but the training rows hold {(train.Classes == 0 ? "values (regression)" : $"{train.TargetWidth} targets per row")}.");
        if (weights.Count != train.Classes)
            throw new ArgumentException($"Fit: {weights.Count} class weights for {train.Classes} classes.");
        return [.. weights.Select(T.CreateTruncating)];
    }

    // Reads the rows into the front of the batch buffers, rescaling them when there are scalers; and their weights, when weighted.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadBatch(int epoch, ReadOnlySpan<int> indices)
    {
        _train.ReadRows(epoch, indices, _x, _y);
        if (_w is not null) RowWeights(indices);
        var features = _x.AsSpan(0, indices.Length * _features);
        var targets = _y.AsSpan(0, indices.Length * _width);
        _scaler?.Transform<T>(features, features);
        _targetScaler?.Transform<T>(targets, targets);
    }

    // Each row's weight: its sample weight (1 without) times its class's weight (1 without).
    private void RowWeights(ReadOnlySpan<int> indices)
    {
        for (int r = 0; r < indices.Length; r++)
        {
            T w = _sampleWeights is { } s ? s.Span[indices[r]] : T.One;
            if (_classWeights is { } c) w *= c[int.CreateTruncating(_y[r])];
            _w![r] = w;
        }
    }

    private void EndEpoch()
    {
        int epoch = _run.Epoch;
        var seconds = (_clock.Elapsed - _epochStart).TotalSeconds;
        var validationMetrics = _validate?.Invoke(_trainingStep);
        _model.Train();
        var report = new EpochReport(epoch, _lastEpoch, _run.Seen == 0 ? double.NaN : _run.LossSum / _run.Seen,
            _loss.IsClassification ? (double)_run.Correct / _run.Seen : null, validationMetrics,
            (_run.Seen - _seenAtStart) / Math.Max(seconds, 1e-9), _clock.Elapsed) { SkippedSteps = _run.Skipped };
        _history.Add(report);
        foreach (var callback in _callbacks) callback.OnEpochEnd(report, _context);
        _run.BeginEpoch(epoch + 1); // the checkpoint of an epoch's end resumes at the next one's start
        if (_options.Checkpoints is { EveryEpochs: > 0 and var everyEpochs } && epoch % everyEpochs == 0)
            _written = WriteCheckpoint() ?? _written;
        _inEpoch = false;
    }

    private bool Finish()
    {
        foreach (var callback in _callbacks) callback.OnTrainEnd(_context);
        bool stoppedEarly = _context.StopRequested && !_context.InterruptRequested && (_history.Count == 0 || _history[^1].Epoch < _lastEpoch);
        Result = new FitResult(_history, _context.RestoredEpoch, stoppedEarly)
        {
            Interrupted = _context.InterruptRequested, LastCheckpoint = _written, Position = (_run.Epoch, _run.Step),
        };
        Dispose();
        return false;
    }

    // Writes the run's checkpoint into the options' directory when there is one; returns its path.
    private string? WriteCheckpoint()
        => _options.Checkpoints is { } c
            ? CheckpointDirectory.Write(c.Directory, Checkpoint.Capture(_model, _optimizer, _callbacks, _run, c.Metadata), c.Keep)
            : null;
}
