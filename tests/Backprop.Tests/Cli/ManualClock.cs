namespace Backprop.Tests.Cli;

/// <summary>A clock that moves only when told (<see cref="Advance"/>), and whose timers fire only when told (<see cref="FireTimers"/>).</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly List<TimerCallback> timers = [];
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        timers.Add(callback);
        return new Stopped();
    }

    public void FireTimers()
    {
        foreach (var timer in timers) timer(null);
    }

    private sealed class Stopped : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() { }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
