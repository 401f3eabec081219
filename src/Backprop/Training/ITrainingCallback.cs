namespace Backprop.Training;

/// <summary>
/// Code that runs inside <see cref="Trainer.Fit{T}"/> (Keras' <c>Callback</c>): progress displays, early stopping, gradient reports,
/// schedules, checkpoints, user code. Every method does nothing unless implemented; callbacks run in the order given, and
/// any of them may ask to stop through <see cref="TrainingContext.StopTraining"/>.
/// </summary>
public interface ITrainingCallback
{
    /// <summary>Before the first epoch of a <c>Fit</c> call (reset per-run state here).</summary>
    void OnTrainBegin(TrainingContext context) { }

    /// <summary>Before each epoch's first step, with its 1-based number (the learning rate set now is the one the epoch starts with).</summary>
    void OnEpochBegin(int epoch, TrainingContext context) { }

    /// <summary>After each optimizer step; the parameters' gradients are still those of the step.</summary>
    void OnStepEnd(StepReport step, TrainingContext context) { }

    /// <summary>After each epoch, its validation pass included.</summary>
    void OnEpochEnd(EpochReport epoch, TrainingContext context) { }

    /// <summary>After the last epoch, whether every epoch ran or training was stopped.</summary>
    void OnTrainEnd(TrainingContext context) { }
}
