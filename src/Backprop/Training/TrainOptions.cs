namespace Backprop.Training;

/// <summary>How <see cref="Trainer.Fit{T}"/> trains.</summary>
public sealed record TrainOptions
{
    /// <summary>Passes over the training data in this run (default 10).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per step: 1 = stochastic, the data set size = full batch (default 32). L-BFGS ignores it: it always trains full batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the shuffling before each epoch.</summary>
    public ulong Seed { get; init; }

    /// <summary>Whether to shuffle the examples before each epoch (default true).</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Leave out each epoch's last batch when it is smaller than <see cref="BatchSize"/> (PyTorch's <c>drop_last</c>; default false):
    /// batch normalisation cannot train on a batch of one row.</summary>
    public bool DropLast { get; init; }

    /// <summary>
    /// Epochs already trained (like Keras' <c>initial_epoch</c>, but <see cref="Epochs"/> still counts this run's epochs): the run numbers
    /// its epochs InitialEpoch + 1 to InitialEpoch + Epochs and shuffles as a run with the same seed would have from there, so with
    /// the same optimizer object two runs of 5 epochs equal one of 10. <see cref="Network{T}"/> sets it from its own count.
    /// </summary>
    public int InitialEpoch { get; init; }

    /// <summary>
    /// Shortcut for <c>new EarlyStopping(patience)</c> as the first callback: stop when the validation loss has not improved for this
    /// many epochs, and put back the parameters of the best epoch. Null (the default) adds none. Needs a validation set.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>
    /// λ of an L1 penalty λ·Σ|w| on the weight matrices (not biases, not BatchNorm's γ and β): λ·sign(w) is added to their gradients
    /// every step (default 0, none). The reported loss is the data loss, without the penalty.
    /// </summary>
    public double L1 { get; init; }

    /// <summary>Clip the gradients by their global norm (PyTorch's <c>clip_grad_norm_</c>) to at most this, every step; null = no clipping.</summary>
    public double? ClipNorm { get; init; }

    /// <summary>Clamp every gradient value to [−v, v] (PyTorch's <c>clip_grad_value_</c>) every step, before any norm clipping; null = none.</summary>
    public double? ClipValue { get; init; }

    /// <summary>
    /// A weight per class index (<c>--class-weight</c>; <see cref="Training.ClassWeights"/> makes scikit-learn's "balanced" ones), or null (the default)
    /// for none: each training row's loss is weighted by its class's weight (times its <see cref="Data.Dataset{T}.Weights"/>, if any), the loss being
    /// Σ wᵢ·lᵢ / Σ wᵢ over each batch. Needs class-index targets with as many classes as weights; evaluation and validation stay unweighted.
    /// </summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>Write checkpoints as these options say (null, the default: none).</summary>
    public CheckpointOptions? Checkpoints { get; init; }

    /// <summary>
    /// Continue the run a checkpoint was taken of (null, the default: start afresh): the model, optimizer and callbacks must be set up as
    /// that run's were; their state, the generators and the position are put back, and the epochs run on to
    /// <see cref="InitialEpoch"/> + <see cref="Epochs"/>, giving the same bits as the run never interrupted.
    /// </summary>
    public Checkpoint? ResumeFrom { get; init; }

    /// <summary>What to do when a step's loss or a gradient is NaN or infinite (default <see cref="NonFinitePolicy.Stop"/>).</summary>
    public NonFinitePolicy OnNonFinite { get; init; }

    /// <summary>Run in order after each step and epoch (see <see cref="ITrainingCallback"/>).</summary>
    public IReadOnlyList<ITrainingCallback> Callbacks { get; init; } = [];

    /// <summary>Called after each epoch, after <see cref="Callbacks"/> (a callback made of a lambda).</summary>
    public Action<EpochReport>? OnEpoch { get; init; }

    /// <summary>Called after each step, after <see cref="Callbacks"/> (a callback made of a lambda).</summary>
    public Action<StepReport>? OnStep { get; init; }

    internal void Validate()
    {
        if (Epochs < 0) throw new ArgumentOutOfRangeException(nameof(Epochs), $"Epochs must be at least 0; got {Epochs}.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), $"Batch size must be at least 1; got {BatchSize}.");
        if (InitialEpoch < 0) throw new ArgumentOutOfRangeException(nameof(InitialEpoch), $"The initial epoch must be at least 0; got {InitialEpoch}.");
        if (!(L1 >= 0) || double.IsInfinity(L1)) throw new ArgumentOutOfRangeException(nameof(L1), $"The L1 penalty must be a number of at least 0; got {L1}.");
        if (ClipNorm is { } n && !(n > 0 && double.IsFinite(n))) throw new ArgumentOutOfRangeException(nameof(ClipNorm), $"The clipping norm must be a positive number; got {n}.");
        if (ClipValue is { } v && !(v > 0 && double.IsFinite(v))) throw new ArgumentOutOfRangeException(nameof(ClipValue), $"The clipping value must be a positive number; got {v}.");
        Checkpoints?.Validate();
        for (int i = 0; i < (ClassWeights?.Count ?? 0); i++)
            if (ClassWeights![i] is var w && !(w >= 0 && double.IsFinite(w)))
                throw new ArgumentOutOfRangeException(nameof(ClassWeights), $"The weight of class {i} must be a finite number ≥ 0; got {w}.");
        if (Patience < 1) throw new ArgumentOutOfRangeException(nameof(Patience), $"Patience must be at least 1 epoch; got {Patience}.");
    }

    /// <summary>Every callback of a run: the early stopping of <see cref="Patience"/>, <see cref="Callbacks"/>, then the lambdas.</summary>
    internal ITrainingCallback[] AllCallbacks() =>
    [
        .. Patience is { } p ? [new EarlyStopping(p)] : Array.Empty<ITrainingCallback>(),
        .. Callbacks,
        .. OnEpoch is null && OnStep is null ? [] : new[] { new LambdaCallback(OnEpoch is { } e ? (epoch, _) => e(epoch) : null, OnStep is { } s ? (step, _) => s(step) : null) },
    ];
}
