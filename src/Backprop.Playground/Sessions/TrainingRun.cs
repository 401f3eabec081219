using Backprop.Data;
using Backprop.Nn;
using Backprop.Optim;
using Backprop.Tensors;
using Backprop.Training;

namespace Backprop.Playground.Sessions;

/// <summary>
/// A network and its training on the engine, one batch at a time: shuffled epochs, the library's <see cref="TrainingStep{T}"/>
/// (optimizer, L1, weight decay, dropout), and what the inspector needs afterwards — the weights before the last step and its batch.
/// Not thread-safe: <see cref="Session"/> holds its lock around every call.
/// </summary>
internal sealed class TrainingRun
{
    private readonly TrainingStep<double> _step;
    private readonly Rng _shuffle;
    private readonly int[] _order;
    private readonly double[] _x, _y;
    private int _cursor;

    public TrainingRun(Settings settings, PlaygroundData data)
    {
        Settings = settings;
        Data = data;
        Loss = settings.CreateLoss(data.Classes > 0);
        var rng = new Rng(settings.Seed);
        int[] sizes = [data.Train.Features, .. settings.Hidden, data.Outputs];
        var layers = new List<Module<double>>();
        for (int i = 0; i + 1 < sizes.Length; i++)
        {
            bool hidden = i < settings.Hidden.Count;
            layers.Add(new Dense<double>(sizes[i], sizes[i + 1], hidden ? settings.Activations[i] : Activation.Identity, rng));
            if (hidden && settings.Dropout > 0) layers.Add(new Dropout<double>(settings.Dropout, rng.NextUInt64()));
        }
        Model = new Sequential<double>([.. layers]);
        Layers = [.. Model.Layers.OfType<Dense<double>>()];
        BatchSize = Math.Min(settings.BatchSize, data.Train.Count);
        _step = new TrainingStep<double>(Model, Loss, settings.OptimizerOptions().Create(Model.Parameters()), BatchSize, new TrainOptions { L1 = settings.L1 });
        _step.Check(data.Train.Features, data.Train.Y, data.Classes);
        WeightsBefore = [.. Layers.Select(l => new double[l.W.Length])];
        BiasesBefore = [.. Layers.Select(l => new double[l.B.Length])];
        _shuffle = new Rng(settings.Seed + 1);
        _order = [.. Enumerable.Range(0, data.Train.Count)];
        _x = new double[BatchSize * data.Train.Features];
        _y = new double[BatchSize * data.Train.TargetWidth];
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

    /// <summary>The training rows drawn and evaluated on each frame: all, or a seeded sample of <see cref="FrameBuilder.MaxDrawnRows"/>.</summary>
    public Dataset<double> DrawnTrain { get; }

    /// <summary>The test rows drawn and evaluated on each frame (likewise).</summary>
    public Dataset<double> DrawnTest { get; }

    /// <summary>Steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>Each layer's W (row-major) and b as they were before the last step.</summary>
    public double[][] WeightsBefore { get; }

    /// <inheritdoc cref="WeightsBefore"/>
    public double[][] BiasesBefore { get; }

    /// <summary>The last step's batch: features [rows, F] and targets, row-major; empty before the first step.</summary>
    public (ReadOnlyMemory<double> X, ReadOnlyMemory<double> Y, int Rows) LastBatch { get; private set; }

    /// <summary>The last step's loss on its batch.</summary>
    public double LastBatchLoss { get; private set; } = double.NaN;

    /// <summary>Null while training is finite; else at which step what went NaN or infinite, and where.</summary>
    public string? Diverged { get; private set; }

    /// <summary>Steps in one epoch.</summary>
    public int StepsPerEpoch => (Data.Train.Count + BatchSize - 1) / BatchSize;

    /// <summary>Trains on the next batch; false when the step went NaN or infinite (its update not applied; <see cref="Diverged"/> says where).</summary>
    public bool Step()
    {
        if (_cursor == 0) _shuffle.Shuffle(_order);
        var train = Data.Train;
        int n = Math.Min(BatchSize, train.Count - _cursor), f = train.Features, w = train.TargetWidth;
        train.CopyRows(_order.AsSpan(_cursor, n), _x, _y);
        for (int l = 0; l < Layers.Count; l++)
        {
            Layers[l].W.Span.CopyTo(WeightsBefore[l]);
            Layers[l].B.Span.CopyTo(BiasesBefore[l]);
        }
        LastBatch = (_x.AsMemory(0, n * f), _y.AsMemory(0, n * w), n);
        LastBatchLoss = _step.Run(_x.AsSpan(0, n * f), _y.AsSpan(0, n * w), n).Loss;
        Steps++;
        if (_step.NonFinite is { } what) Diverged = $"step {Steps} (epoch {Epoch + 1}): {what}"; // the epoch this step belongs to
        _cursor += n;
        if (_cursor == train.Count) { _cursor = 0; Epoch++; }
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
