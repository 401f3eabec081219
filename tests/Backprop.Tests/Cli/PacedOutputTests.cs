using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Backprop.Cli;
using Backprop.Cli.Common;
using Backprop.Cli.Train;
using Backprop.Training;

namespace Backprop.Tests.Cli;

/// <summary>
/// Redirected standard output is buffered and flushed at most every <see cref="StandardOutput.FlushInterval"/> (and at the end),
/// never once per epoch line; the terminal view is drawn at most every <see cref="LiveProgress.RefreshInterval"/>.
/// </summary>
public class PacedOutputTests
{
    [Fact]
    public void RedirectedTrainingWritesItsEpochLinesInOneFlush()
    {
        var stream = new CountingStream();
        var clock = new ManualClock(); // stands still: no flush is due during the run
        int code;
        using (var output = StandardOutput.Redirected(stream, TextWriter.Null, clock))
            code = BackpropCli.Run(["train", "--data", "xor", "--epochs", "30"], output.Out, output.Error);
        Assert.Equal(0, code);
        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(30, lines.Count(l => l.StartsWith("epoch ", StringComparison.Ordinal)));
        Assert.StartsWith("test  acc ", lines[^1]);
        Assert.Equal(1, stream.Flushes); // at the end: not one per line
        Assert.Equal(1, stream.Writes);
    }

    [Fact]
    public void TextIsFlushedOnceTheIntervalHasPassedOrTheTimerFires()
    {
        var stream = new CountingStream();
        var clock = new ManualClock();
        using var output = StandardOutput.Redirected(stream, TextWriter.Null, clock);
        output.Out.WriteLine("one");
        output.Out.WriteLine("two");
        Assert.Equal(0, stream.Flushes);
        clock.Advance(StandardOutput.FlushInterval);
        output.Out.WriteLine("three");
        Assert.Equal(1, stream.Flushes);
        Assert.Equal("one\ntwo\nthree\n", Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n"));
        output.Out.WriteLine("four");
        clock.FireTimers(); // a line does not wait for the next one
        Assert.Equal(2, stream.Flushes);
        clock.FireTimers(); // nothing new: no flush
        Assert.Equal(2, stream.Flushes);
    }

    [Fact]
    public void StandardErrorFlushesStandardOutputFirst()
    {
        var stream = new CountingStream();
        var error = new StringWriter(CultureInfo.InvariantCulture);
        using var output = StandardOutput.Redirected(stream, error, new ManualClock());
        output.Out.WriteLine("epoch 1/2");
        output.Error.WriteLine("error: stop");
        Assert.Equal("epoch 1/2", Encoding.UTF8.GetString(stream.ToArray()).TrimEnd());
        Assert.Equal("error: stop", error.ToString().TrimEnd());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheTerminalViewIsDrawnAtMostOncePerInterval(bool clockMoves)
    {
        const int epochs = 60;
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var clock = new ManualClock();
        var view = new LiveProgress(writer, classification: true, hasValidation: false, clock);
        view.Run(() =>
        {
            for (int e = 1; e <= epochs; e++)
            {
                if (clockMoves) clock.Advance(LiveProgress.RefreshInterval);
                view.Epoch(new EpochReport(e, epochs, 0.5, 0.9, null, 1000, TimeSpan.FromSeconds(e)), stopping: false);
            }
        });
        // The status line under the table names the epoch each drawing shows ("epoch 3/60 done"); Spectre may draw the final state more than once.
        var drawn = Regex.Matches(writer.ToString(), $@"epoch (\d+)/{epochs} done").Select(m => m.Groups[1].Value).Distinct().Count();
        Assert.Equal(clockMoves ? epochs : 1, drawn); // a standing clock: only the last epoch (always drawn), not one drawing per epoch
        Assert.Contains($"{epochs}/{epochs}", writer.ToString());
    }

    private sealed class CountingStream : MemoryStream
    {
        public int Flushes { get; private set; }

        public int Writes { get; private set; }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }
    }
}
