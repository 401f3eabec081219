using System.Text;

namespace Backprop.Cli.Common;

/// <summary>
/// A writer that hands its text to <paramref name="inner"/> (which must not flush by itself) and flushes it at most once per
/// <paramref name="interval"/>: on a write when that long has passed since the last flush, from a timer when text has waited that
/// long, and on <see cref="Flush"/> and <see cref="Dispose(bool)"/>. Redirected standard output goes through one, so that a line
/// per epoch costs a copy into a buffer, not a system call (Console.Out flushes after every write). Thread-safe, as Console.Out is.
/// </summary>
internal sealed class PacedWriter : TextWriter
{
    private readonly TextWriter inner;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private long lastFlush;
    private bool pending, disposed;

    public PacedWriter(TextWriter inner, TimeSpan interval, TimeProvider? time = null) : base(inner.FormatProvider)
    {
        this.inner = inner;
        this.interval = interval;
        this.time = time ?? TimeProvider.System;
        lastFlush = this.time.GetTimestamp();
        timer = this.time.CreateTimer(_ => FlushIfWaited(), null, interval, interval);
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Paced(value, static (w, v) => w.Write(v));

    public override void Write(string? value) => Paced(value, static (w, v) => w.Write(v));

    public override void Write(char[] buffer, int index, int count) => Paced((buffer, index, count), static (w, v) => w.Write(v.buffer, v.index, v.count));

    public override void WriteLine(string? value) => Paced(value, static (w, v) => w.WriteLine(v));

    public override void WriteLine() => Paced(0, static (w, _) => w.WriteLine());

    public override void Flush()
    {
        lock (gate) FlushLocked();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            timer.Dispose();
            lock (gate)
            {
                if (!disposed) FlushLocked();
                disposed = true;
            }
        }
        base.Dispose(disposing);
    }

    private void Paced<T>(T value, Action<TextWriter, T> write)
    {
        lock (gate)
        {
            write(inner, value);
            pending = true;
            if (time.GetElapsedTime(lastFlush) >= interval) FlushLocked();
        }
    }

    // The timer's turn: text written since the last flush goes out now, so that nothing waits much longer than the interval.
    private void FlushIfWaited()
    {
        lock (gate)
            FlushLocked();
    }

    private void FlushLocked()
    {
        if (disposed || !pending) return;
        inner.Flush();
        pending = false;
        lastFlush = time.GetTimestamp();
    }
}
