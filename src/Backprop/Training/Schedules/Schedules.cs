using Backprop.Registration;

namespace Backprop.Training.Schedules;

/// <summary>
/// The learning-rate schedules by name (<c>--schedule</c>, checkpoints): each built-in is its file (the schedule, its options record, its
/// entry) plus one line here. An entry's item is a <see cref="ScheduleMaker"/>, since a schedule's defaults depend on the run. A user's
/// schedule: <c>Schedules.Registry.Add(new RegistryEntry&lt;ScheduleMaker, MyOptions&gt;("my_schedule", new(), o =&gt; run =&gt; new MySchedule(o)))</c>;
/// its <see cref="IStatefulCallback.Name"/> must be the registered name.
/// </summary>
public static class Schedules
{
    /// <summary>The registry: none, step, multistep, exponential, cosine, onecycle, plateau, then any added.</summary>
    public static Registry<ScheduleMaker> Registry { get; } = Built(
        [NoSchedule, StepLR.Entry, MultiStepLR.Entry, ExponentialLR.Entry, CosineAnnealingLR.Entry, OneCycleLR.Entry, ReduceLROnPlateau.Entry]);

    /// <summary>A constant rate.</summary>
    private static IRegistryEntry<ScheduleMaker> NoSchedule => new RegistryEntry<ScheduleMaker, NoOptions>("none", NoOptions.Value, _ => _ => null, "a constant rate");

    private static Registry<ScheduleMaker> Built(IRegistryEntry<ScheduleMaker>[] entries)
    {
        var registry = new Registry<ScheduleMaker>("schedule");
        foreach (var entry in entries) registry.Add(entry);
        return registry;
    }
}
