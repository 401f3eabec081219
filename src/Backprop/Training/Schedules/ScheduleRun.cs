namespace Backprop.Training.Schedules;

/// <summary>
/// The run a schedule is made for, which a schedule's defaults may depend on (cosine anneals over <see cref="Epochs"/>, one-cycle peaks at
/// <see cref="LearningRate"/> over <see cref="Epochs"/> · <see cref="StepsPerEpoch"/> steps).
/// </summary>
/// <param name="Epochs">Epochs the schedule steers (after any warm-up).</param>
/// <param name="StepsPerEpoch">Optimizer steps per epoch.</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
/// <param name="Monitor">What a schedule that watches a metric (plateau) watches.</param>
/// <param name="MinDelta">The least change of <paramref name="Monitor"/> that counts as an improvement, or null for the schedule's default.</param>
public sealed record ScheduleRun(int Epochs, long StepsPerEpoch, double LearningRate, MonitoredMetric Monitor, double? MinDelta = null);

/// <summary>Makes a schedule for a run: a <see cref="LearningRateSchedule"/> or another callback that moves the rate (plateau), or null for none.</summary>
public delegate IStatefulCallback? ScheduleMaker(ScheduleRun run);
