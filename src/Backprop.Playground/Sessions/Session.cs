using System.Diagnostics;
using Backprop.Errors;

namespace Backprop.Playground.Sessions;

/// <summary>
/// One browser tab's playground: its data, its network and a background loop that, while playing, trains for up to
/// <see cref="TrainSlice"/> every <see cref="Tick"/> and publishes a <see cref="Frame"/>. Commands and the inspector take the same lock
/// as the loop, so they always see the weights and batch of one finished step; the page's reads (<see cref="Latest"/>) take the last
/// published snapshot and never wait for the loop.
/// </summary>
public sealed class Session : IDisposable
{
    /// <summary>How often a playing session publishes a frame.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>The most time a tick spends training (at most one epoch per tick, so the curves show each epoch).</summary>
    public static readonly TimeSpan TrainSlice = TimeSpan.FromMilliseconds(20);

    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<CurvePoint> _history = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TrainingRun _run;
    private Setup _setup; // under the lock: what is being trained (published with the next frame)
    private Snapshot _latest; // published whole, read without the lock
    private (byte[] Bytes, string Name)? _upload;
    private bool _playing;
    private double? _speed; // steps per frame, null for one epoch
    private double _owed; // steps due but not yet taken, below one (a speed under one step per frame)
    private string? _failure;
    private long _lastSeen;
    private int _closed;

    internal Session(string id, Settings settings)
    {
        Id = id;
        _run = new TrainingRun(settings, Load(settings, null));
        _speed = settings.StepsPerFrame;
        _setup = FrameBuilder.Setup(_run, 1);
        _latest = new Snapshot(_setup, FrameBuilder.Frame(_run, _setup, 1, false, _history, null));
        Touch();
        _ = Task.Run(Loop);
    }

    /// <summary>The session's id, as the page's address names it.</summary>
    public string Id { get; }

    /// <summary>The client (remote address) that made it, which <see cref="SessionStore"/> bounds the sessions of.</summary>
    public string Client { get; internal init; } = "";

    /// <summary>Event streams open on it now (bounded by <see cref="SessionStore.OpenStream"/>).</summary>
    internal int Streams;

    /// <summary>
    /// The setup and the frame of it, read together without waiting for the training loop (a frame always belongs to the setup
    /// given with it; both are replaced whole, never changed).
    /// </summary>
    public (Setup Setup, Frame Frame) Latest
    {
        get { var latest = Volatile.Read(ref _latest); return (latest.Setup, latest.Frame); }
    }

    /// <summary>True once the session has been closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>When the page last asked for anything (UTC ticks).</summary>
    public DateTime LastSeen => new(Interlocked.Read(ref _lastSeen), DateTimeKind.Utc);

    /// <summary>Marks the session as in use.</summary>
    public void Touch() => Interlocked.Exchange(ref _lastSeen, DateTime.UtcNow.Ticks);

    /// <summary>Starts training in the background.</summary>
    public void Play() => Command(() => { RefuseIfDiverged(); _failure = null; _playing = true; });

    /// <summary>Stops training after the current step.</summary>
    public void Pause() => Command(() => _playing = false);

    /// <summary>One batch, then paused.</summary>
    public void Step() => Command(() => { RefuseIfDiverged(); _playing = false; _run.Step(); });

    /// <summary>Trains to the end of the current epoch (a whole epoch from its start), then paused.</summary>
    public void StepEpoch() => Command(() =>
    {
        RefuseIfDiverged();
        _playing = false;
        for (int epoch = _run.Epoch; _run.Epoch == epoch;)
            if (!_run.Step()) break;
    });

    /// <summary>
    /// How many steps each frame trains while playing: <paramref name="stepsPerFrame"/> (below one, a step every so many frames), or one
    /// epoch when null; the weights are kept.
    /// </summary>
    public void SetSpeed(double? stepsPerFrame) => Command(() => { _speed = stepsPerFrame; _owed = 0; });

    /// <summary>Starts again from the first weights (the same settings, data and seed), paused.</summary>
    public void Reset() => Command(() => Rebuild(_run.Settings with { StepsPerFrame = _speed }, _run.Data));

    /// <summary>New settings: those that keep the network's shape (<see cref="Settings.KeepsShape"/>) go on from the current weights, steps and
    /// epochs, playing as before; any other starts again — the data drawn again (or the upload read again with them), new weights, paused.</summary>
    public void Configure(Settings settings) => Command(() =>
    {
        if (_run.Settings.SameAs(settings) && _run.Diverged is null)
            return; // the same settings again (a second change event, a hash written back): nothing to do, the last step stays inspectable
        if (_run.Settings.KeepsShape(settings) && _run.Diverged is null)
        {
            _run = new TrainingRun(settings, _run);
            (_speed, _owed) = (settings.StepsPerFrame, 0);
            _setup = FrameBuilder.Setup(_run, _setup.Version + 1);
        }
        else Rebuild(settings, Load(settings, _upload));
    });

    /// <summary>A CSV to train on (<paramref name="settings"/> say its target and plotted features), read by the library's CSV code.</summary>
    public void Upload(byte[] csv, string name, Settings settings) => Command(() =>
    {
        var data = PlaygroundData.FromCsv(csv, name, settings);
        _upload = (csv, name);
        Rebuild(settings with { Data = "upload" }, data);
    });

    /// <summary>Runs <paramref name="inspect"/> on the run under the lock (the weights and batch of one finished step).</summary>
    internal T Inspect<T>(Func<TrainingRun, T> inspect)
    {
        Touch();
        lock (_gate) return inspect(_run);
    }

    /// <summary>Waits until a frame or setup newer than the versions given exists (or <paramref name="timeout"/> passes).</summary>
    public async Task WaitForChange(long frame, long setup, TimeSpan timeout, CancellationToken cancel)
    {
        var changed = Volatile.Read(ref _changed).Task; // read before the frame: a frame published after this completes it
        var latest = Volatile.Read(ref _latest);
        if (latest.Frame.Version > frame || latest.Setup.Version > setup || IsClosed) return;
        try { await changed.WaitAsync(timeout, cancel); }
        catch (TimeoutException) { }
    }

    /// <summary>Stops the loop.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        _stop.Cancel();
        lock (_gate) _changed.TrySetResult(); // waiting streams see the session closed
        _stop.Dispose();
    }

    private static PlaygroundData Load(Settings settings, (byte[] Bytes, string Name)? upload)
    {
        if (PlaygroundData.BuiltInNames.Contains(settings.Data)) return PlaygroundData.BuiltInTable(settings);
        if (settings.Data != "upload") return PlaygroundData.Generated(settings);
        if (upload is not { } file) throw BackpropException.BadSetting("data: upload, but this session has no uploaded CSV; upload one first");
        return PlaygroundData.FromCsv(file.Bytes, file.Name, settings);
    }

    private void Rebuild(Settings settings, PlaygroundData data)
    {
        var run = new TrainingRun(settings, data); // a refusal leaves the session as it was
        _run = run;
        _speed = settings.StepsPerFrame;
        _owed = 0;
        _playing = false;
        _failure = null;
        _history.Clear();
        _setup = FrameBuilder.Setup(run, _setup.Version + 1);
    }

    private void RefuseIfDiverged()
    {
        if (_run.Diverged is { } where) throw BackpropException.BadSetting($"training diverged at {where}; reset, or lower the learning rate");
    }

    private void Command(Action action)
    {
        Touch();
        lock (_gate)
        {
            action();
            Publish();
        }
    }

    // Under the lock: a new frame, and every waiter woken.
    private void Publish() => Publish(FrameBuilder.Frame(_run, _setup, _latest.Frame.Version + 1, _playing, _history, _failure));

    private void Publish(Frame frame)
    {
        Volatile.Write(ref _latest, new Snapshot(_setup, frame));
        var changed = _changed;
        Volatile.Write(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        changed.TrySetResult();
    }

    private async Task Loop()
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                lock (_gate)
                    if (_playing) Train();
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    // Under the lock: one tick's training and its frame. Whatever goes wrong pauses the session with the message in its frame, so the
    // page never waits on a loop that has stopped.
    private void Train()
    {
        long until = Stopwatch.GetTimestamp() + (long)(TrainSlice.TotalSeconds * Stopwatch.Frequency);
        int due = _run.StepsPerEpoch;
        if (_speed is { } speed)
        {
            _owed += speed;
            due = (int)Math.Floor(_owed);
            _owed -= due;
            if (due == 0) return; // a slow speed: this frame has no step to show
        }
        try
        {
            for (int steps = 0; steps < due && Stopwatch.GetTimestamp() < until; steps++)
                if (!_run.Step()) { _playing = false; break; }
            Publish();
        }
        catch (Exception e)
        {
            _playing = false;
            _failure = $"training stopped at step {_run.Steps}: {e.Message}";
            try { Publish(); }
            catch (Exception) { Publish(_latest.Frame with { Version = _latest.Frame.Version + 1, Playing = false, Failure = _failure }); }
        }
    }

    private sealed record Snapshot(Setup Setup, Frame Frame);
}
