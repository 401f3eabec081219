namespace Backprop.Training;

/// <summary>
/// User code as a callback (Keras' <c>LambdaCallback</c>): each delegate given runs at its moment of <see cref="Trainer.Fit{T}"/>
/// and may use the context (stop training, change the learning rate, snapshot the parameters).
/// </summary>
public sealed class LambdaCallback(
    Action<EpochReport, TrainingContext>? onEpochEnd = null,
    Action<StepReport, TrainingContext>? onStepEnd = null,
    Action<TrainingContext>? onTrainBegin = null,
    Action<TrainingContext>? onTrainEnd = null,
    Action<int, TrainingContext>? onEpochBegin = null) : ITrainingCallback
{
    void ITrainingCallback.OnTrainBegin(TrainingContext context) => onTrainBegin?.Invoke(context);

    void ITrainingCallback.OnEpochBegin(int epoch, TrainingContext context) => onEpochBegin?.Invoke(epoch, context);

    void ITrainingCallback.OnStepEnd(StepReport step, TrainingContext context) => onStepEnd?.Invoke(step, context);

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context) => onEpochEnd?.Invoke(epoch, context);

    void ITrainingCallback.OnTrainEnd(TrainingContext context) => onTrainEnd?.Invoke(context);
}
