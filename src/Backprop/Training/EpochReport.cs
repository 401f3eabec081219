namespace Backprop.Training;

/// <summary>The state after one epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">The last epoch this run plans (<see cref="TrainOptions.InitialEpoch"/> + <see cref="TrainOptions.Epochs"/>).</param>
/// <param name="Loss">Mean training loss over the epoch's steps (weighted by batch size), as trained (for <see cref="Network{T}"/> regression with one target and a squared-error loss, in the target's own units).</param>
/// <param name="Accuracy">Training accuracy over the epoch (classification only), measured on each batch before its update.</param>
/// <param name="Validation">Metrics on the validation set, when one was given (for <see cref="Network{T}"/>, in the targets' own units).</param>
/// <param name="SamplesPerSecond">Training throughput of the epoch.</param>
/// <param name="Elapsed">Time since training started.</param>
public sealed record EpochReport(int Epoch, int Epochs, double Loss, double? Accuracy, Metrics? Validation, double SamplesPerSecond, TimeSpan Elapsed)
{
    /// <summary>Steps whose loss or gradients were NaN or infinite and were skipped (<see cref="NonFinitePolicy.Skip"/>).</summary>
    public int SkippedSteps { get; init; }
}
