namespace Backprop.Training;

/// <summary>What <see cref="Trainer.Fit{T}"/> does when a step's loss or a gradient is NaN or infinite (the step's update is never applied).</summary>
public enum NonFinitePolicy
{
    /// <summary>Stop with a <see cref="Errors.BackpropException"/> (<see cref="Errors.ErrorKind.Training"/>) naming the epoch, step and parameter.</summary>
    Stop,

    /// <summary>Skip the batch: no update, the step left out of the epoch's loss, counted in <see cref="EpochReport.SkippedSteps"/>.</summary>
    Skip,
}
