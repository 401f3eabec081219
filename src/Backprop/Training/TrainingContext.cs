using System.Numerics;
using Backprop.Nn;
using Backprop.Optim;

namespace Backprop.Training;

/// <summary>
/// What a callback may see and do during <see cref="Trainer.Fit{T}"/>: ask to stop, change the learning rate, and save and
/// restore the model's parameters. <see cref="TrainingContext{T}"/> also gives the model and optimizer themselves.
/// </summary>
public abstract class TrainingContext
{
    private protected TrainingContext(bool hasValidation) => HasValidation = hasValidation;

    /// <summary>Whether each epoch ends with a validation pass (so <see cref="EpochReport.Validation"/> is set).</summary>
    public bool HasValidation { get; }

    /// <summary>True once a callback has called <see cref="StopTraining"/>.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>The epoch whose parameters a callback put back with <see cref="Restore"/>, or null.</summary>
    public int? RestoredEpoch { get; private set; }

    /// <summary>Ends training after the current epoch (Keras' <c>model.stop_training = True</c>).</summary>
    public void StopTraining() => StopRequested = true;

    /// <summary>True once a callback has called <see cref="Interrupt"/>.</summary>
    public bool InterruptRequested { get; private set; }

    /// <summary>
    /// Ends training after the current step, mid-epoch (as Ctrl+C does): a checkpoint is written when <see cref="TrainOptions.Checkpoints"/>
    /// is set, the epoch gets no report, and <see cref="FitResult.Interrupted"/> is set.
    /// </summary>
    public void Interrupt() => InterruptRequested = StopRequested = true;

    /// <summary>The optimizer's learning rate, for schedules.</summary>
    public abstract double LearningRate { get; set; }

    /// <summary>The optimizer's momentum or β₁ that a schedule may cycle (<see cref="Optim.Optimizer{T}.CyclicMomentum"/>), or null when it has none.</summary>
    public abstract double? Momentum { get; set; }

    /// <summary>An empty snapshot of the model's parameters, sized once; fill it with <see cref="ParameterSnapshot.Capture"/>.</summary>
    public abstract ParameterSnapshot NewSnapshot();

    /// <summary>Puts back the parameters held by <paramref name="snapshot"/> and records its epoch as <see cref="RestoredEpoch"/>.</summary>
    public void Restore(ParameterSnapshot snapshot)
    {
        snapshot.CopyBack();
        RestoredEpoch = snapshot.Epoch;
    }
}

/// <summary>The context of training a <see cref="Module{T}"/> with an <see cref="Optimizer{T}"/>.</summary>
public sealed class TrainingContext<T> : TrainingContext where T : unmanaged, IFloatingPointIeee754<T>
{
    internal TrainingContext(Module<T> model, Optimizer<T> optimizer, bool hasValidation) : base(hasValidation)
    {
        Model = model; Optimizer = optimizer;
    }

    /// <summary>The model being trained.</summary>
    public Module<T> Model { get; }

    /// <summary>The optimizer updating it (its state survives the run).</summary>
    public Optimizer<T> Optimizer { get; }

    /// <inheritdoc/>
    public override double LearningRate { get => Optimizer.LearningRate; set => Optimizer.LearningRate = value; }

    /// <inheritdoc/>
    public override double? Momentum { get => Optimizer.CyclicMomentum; set => Optimizer.CyclicMomentum = value; }

    /// <inheritdoc/>
    public override ParameterSnapshot NewSnapshot() => new ParameterSnapshot<T>(Model);
}
