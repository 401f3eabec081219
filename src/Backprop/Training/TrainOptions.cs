namespace Backprop.Training;

/// <summary>How <see cref="Trainer.Fit{T}"/> trains.</summary>
public sealed class TrainOptions
{
    /// <summary>Passes over the training data (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per step: 1 = stochastic, the data set size = full batch (default 32).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the shuffling before each epoch.</summary>
    public ulong Seed { get; init; }

    /// <summary>Whether to shuffle the examples before each epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>
    /// Early stopping (Keras' EarlyStopping with restore_best_weights): stop when the validation loss has not improved for this
    /// many epochs, and put back the parameters of the best epoch. Null (the default) trains every epoch. Needs a validation set.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>Called after each epoch.</summary>
    public Action<EpochReport>? OnEpoch { get; init; }

    /// <summary>Called after each step (optional; costs nothing when null).</summary>
    public Action<StepReport>? OnStep { get; init; }

    internal void Validate()
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), $"Epochs must be at least 0; got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"Batch size must be at least 1; got {BatchSize}.");
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), $"Patience must be at least 1 epoch; got {Patience}.");
    }
}

/// <summary>The state after one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Total epochs planned.</param>
/// <param name="Loss">Mean training loss over the epoch's steps (weighted by batch size).</param>
/// <param name="Accuracy">Training accuracy over the epoch (classification only), measured on each batch before its update.</param>
/// <param name="Validation">Metrics on the validation set, when one was given.</param>
/// <param name="SamplesPerSecond">Training throughput of the epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
/// <param name="Stopped">True on the last report when early stopping ended training (the best epoch's parameters were restored).</param>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double? Accuracy, Metrics? Validation, double SamplesPerSecond, TimeSpan Elapsed,
    bool Stopped = false);

/// <summary>The state after one step.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="Steps">Steps per epoch.</param>
/// <param name="Loss">The batch's loss before the update.</param>
public sealed record StepReport(int Epoch, int Step, int Steps, double Loss);
