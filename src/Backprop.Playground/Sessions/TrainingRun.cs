using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Playground.Sessions;

/// <summary>
/// A network and its training on the engine, one batch at a time: the library's own training loop (<see cref="Trainer.Start{T}"/>: shuffled
/// epochs, optimizer, L1, weight decay, dropout) stepped when the session asks, and what the inspector needs afterwards — the weights before
/// the last step and its batch.
/// Not thread-safe: <see cref="Session"/> holds its lock around every call.
/// </summary>
internal sealed class TrainingRun
{
    private readonly FitLoop<double> _loop;

    /// <summary>A run that goes on from <paramref name="from"/>'s weights and counts (its steps and epochs continue) with settings that keep the
    /// network's shape (<see cref="Settings.KeepsShape"/>): the optimizer's state carries over when only its learning rate changed.</summary>
    public TrainingRun(Settings settings, TrainingRun from) : this(settings, from.Data)
    {
        for (int l = 0; l < Layers.Count; l++)
        {
            from.Layers[l].W.Span.CopyTo(Layers[l].W.Span);
            from.Layers[l].B.Span.CopyTo(Layers[l].B.Span);
            Layers[l].W.Span.CopyTo(WeightsBefore[l]);
            Layers[l].B.Span.CopyTo(BiasesBefore[l]);
        }
        if (settings.OptimizerOptions().With("lr", from.Settings.LearningRate) == from.Settings.OptimizerOptions()) Optimizer.LoadState(from.Optimizer.State());
        _stepOffset = from.Steps;
        _epochOffset = from.Epoch;
    }

    // What a continued run counted before it (see the constructor from a run).
    private readonly int _stepOffset, _epochOffset;

    public TrainingRun(Settings settings, PlaygroundData data)
    {
        Settings = settings;
        Data = data;
        Loss = settings.CreateLoss(data.Classes > 0);
        var rng = new Rng(settings.Seed);
        int[] sizes = [data.Train.Features, .. settings.Hidden, data.Outputs];
        var layers = new List<Module<double>>();
        var denseLayers = new List<Dense<double>>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            bool hidden = i < settings.Hidden.Count;
            var dense = new Dense<double>(sizes[i], sizes[i + 1], hidden ? settings.Activations[i] : Activation.Identity, rng);
            layers.Add(dense);
            denseLayers.Add(dense);
            if (hidden && settings.Dropout > 0) layers.Add(new Dropout<double>(settings.Dropout, rng.NextUInt64()));
        }
        Model = new Sequential<double>([.. layers]);
        Layers = denseLayers; // the layers the page draws: the ones built here, by construction
        BatchSize = Math.Min(settings.BatchSize, data.Train.Count);
        // endless epochs, shuffled from seed + 1; a step that goes NaN or infinite is not applied, and Step says so
        var options = new TrainOptions
        {
            Epochs = int.MaxValue, BatchSize = BatchSize, Seed = settings.Seed + 1, L1 = settings.L1, OnNonFinite = NonFinitePolicy.Skip,
        };
        Optimizer = settings.OptimizerOptions().Create(Model.Parameters());
        _loop = Trainer.Start(Model, Loss, Optimizer, data.Train, options);
        WeightsBefore = [.. Layers.Select(l => new double[l.W.Length])];
        BiasesBefore = [.. Layers.Select(l => new double[l.B.Length])];
        DrawnTrain = Sample(data.Train, settings.Seed + 2);
        DrawnTest = Sample(data.Test, settings.Seed + 3);
    }

    public Settings Settings { get; }

    public PlaygroundData Data { get; }

    public Loss Loss { get; }

    public Sequential<double> Model { get; }

    /// <summary>The dense layers, first to last (the model also holds dropout layers).</summary>
    public IReadOnlyList<Dense<double>> Layers { get; }

    public int BatchSize { get; }

    /// <summary>The optimizer stepping <see cref="Model"/>'s parameters (each dense layer's W then b).</summary>
    public Optimizer<double> Optimizer { get; }

    /// <summary>The optimizer's state (steps taken, moments) as it was before the last step, for its spec and the inspector's update.</summary>
    public OptimizerState<double> OptimizerBefore { get; private set; } = null!;

    /// <summary>The training rows drawn and evaluated on each frame: all, or a seeded sample of <see cref="FrameBuilder.MaxDrawnRows"/>.</summary>
    public Dataset<double> DrawnTrain { get; }

    /// <summary>The test rows drawn and evaluated on each frame (likewise).</summary>
    public Dataset<double> DrawnTest { get; }

    /// <summary>Steps taken.</summary>
    public int Steps => _stepOffset + (int)_loop.StepsTaken;

    /// <summary>Epochs completed.</summary>
    public int Epoch => _epochOffset + _loop.Epoch - 1;

    /// <summary>Each layer's W (row-major) and b as they were before the last step.</summary>
    public double[][] WeightsBefore { get; }

    /// <inheritdoc cref="WeightsBefore"/>
    public double[][] BiasesBefore { get; }

    /// <summary>The last step's batch: features [rows, F] and targets, row-major; empty before the first step.</summary>
    public (ReadOnlyMemory<double> X, ReadOnlyMemory<double> Y, int Rows) LastBatch => _loop.LastBatch;

    /// <summary>The last step's loss on its batch.</summary>
    public double LastBatchLoss => _loop.LastLoss;

    /// <summary>Null while training is finite; else at which step what went NaN or infinite, and where.</summary>
    public string? Diverged { get; private set; }

    /// <summary>Steps in one epoch.</summary>
    public int StepsPerEpoch => _loop.StepsPerEpoch;

    /// <summary>Trains on the next batch; false when the step went NaN or infinite (its update not applied; <see cref="Diverged"/> says where).</summary>
    public bool Step()
    {
        for (int l = 0; l < Layers.Count; l++)
        {
            Layers[l].W.Span.CopyTo(WeightsBefore[l]);
            Layers[l].B.Span.CopyTo(BiasesBefore[l]);
        }
        OptimizerBefore = Optimizer.State();
        int epoch = Epoch + 1; // the epoch this step belongs to
        _loop.Step();
        if (_loop.LastNonFinite is { } what) Diverged = $"step {Steps} (epoch {epoch}): {what}";
        return Diverged is null;
    }

    /// <summary>Loss and accuracy (or MSE) on the drawn training and test rows (<see cref="DrawnTrain"/>, <see cref="DrawnTest"/>).</summary>
    public (Metrics Train, Metrics Test) Evaluate() => (Trainer.Evaluate(Model, Loss, DrawnTrain), Trainer.Evaluate(Model, Loss, DrawnTest));

    // All the rows, or a seeded sample of MaxDrawnRows of them in their own order.
    private static Dataset<double> Sample(Dataset<double> rows, ulong seed)
    {
        if (rows.Count <= FrameBuilder.MaxDrawnRows) return rows;
        int[] order = [.. Enumerable.Range(0, rows.Count)];
        new Rng(seed).Shuffle(order);
        var kept = order[..FrameBuilder.MaxDrawnRows];
        Array.Sort(kept);
        return rows.Subset(kept);
    }

    /// <summary>‖dL/dW‖₂ of each layer on the last batch (0 before the first step).</summary>
    public double[] GradientNorms() =>
        [.. Layers.Select(l => l.W.Grad is { } g ? Math.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares<double>(g.Span)) : 0)];
}
