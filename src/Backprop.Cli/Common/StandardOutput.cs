using System.Text;

namespace Backprop.Cli.Common;

/// <summary>
/// The writers the <c>backprop</c> process uses for standard output and error. A terminal gets <see cref="Console.Out"/> (the
/// training view draws itself at most a few times a second). Redirected output (a file, a pipe) gets a buffered writer flushed at
/// most every <see cref="FlushInterval"/>, at the end, before anything goes to standard error, and when the process exits (a second
/// Ctrl+C included) — never once per line, which is what Console.Out does.
/// </summary>
internal sealed class StandardOutput : IDisposable
{
    /// <summary>The longest a written line waits in the buffer of redirected output.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(250);

    private readonly PacedWriter? paced;

    private StandardOutput(TextWriter output, TextWriter error, PacedWriter? paced)
    {
        (Out, Error, this.paced) = (output, error, paced);
        if (paced is not null) AppDomain.CurrentDomain.ProcessExit += FlushOnExit;
    }

    /// <summary>Standard output: Console.Out on a terminal, the paced writer when redirected.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error, which flushes standard output before each write so that the two keep their order in one file.</summary>
    public TextWriter Error { get; }

    /// <summary>The process's own standard output and error.</summary>
    public static StandardOutput Open() => Console.IsOutputRedirected
        ? Redirected(Console.OpenStandardOutput(), Console.Error)
        : new StandardOutput(Console.Out, Console.Error, null);

    /// <summary>Output redirected to <paramref name="stream"/> (UTF-8, no byte order mark, as Console.Out writes), paced by <paramref name="time"/>.</summary>
    public static StandardOutput Redirected(Stream stream, TextWriter error, TimeProvider? time = null)
    {
        var paced = new PacedWriter(new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { AutoFlush = false }, FlushInterval, time);
        return new StandardOutput(paced, new FlushingFirst(error, paced), paced);
    }

    public void Dispose()
    {
        if (paced is null) return;
        AppDomain.CurrentDomain.ProcessExit -= FlushOnExit;
        paced.Dispose();
    }

    private void FlushOnExit(object? sender, EventArgs e) => paced?.Flush();

    // Standard error behind a buffered standard output: what stdout holds goes out first.
    private sealed class FlushingFirst(TextWriter error, TextWriter output) : TextWriter(error.FormatProvider)
    {
        public override Encoding Encoding => error.Encoding;

        public override void Write(char value)
        {
            output.Flush();
            error.Write(value);
        }

        public override void Write(string? value)
        {
            output.Flush();
            error.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            output.Flush();
            error.Write(buffer, index, count);
        }

        public override void WriteLine(string? value)
        {
            output.Flush();
            error.WriteLine(value);
        }

        public override void Flush() => error.Flush();
    }
}
