namespace Backprop.Training;

/// <summary>The state after one step (a value, so reporting a step allocates nothing).</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Step">1-based step within the epoch.</param>
/// <param name="Steps">Steps per epoch.</param>
/// <param name="Loss">The batch's loss before the update.</param>
public readonly record struct StepReport(int Epoch, int Step, int Steps, double Loss);
