using Backprop.Text;
using Backprop.Cli.Common;
using System.Globalization;
using Backprop.Training;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Backprop.Cli.Train;

/// <summary>
/// The terminal view of a training run (Spectre.Console): a table that gains a row per epoch (loss, validation loss, accuracy
/// or R², samples/s, ETA), the newest rows kept in view, and under it a progress bar through the current epoch's steps.
/// It is drawn at most once per <see cref="RefreshInterval"/> (the last epoch, an early stop and the end of the run always), and
/// holds no more rows than the screen shows, so an epoch costs adding a row, not drawing the table.
/// </summary>
internal sealed class LiveProgress : TrainProgress
{
    private const int BarWidth = 40;

    /// <summary>The shortest time between two drawings of the view.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly TimeProvider time;
    private readonly IAnsiConsole console;
    private readonly bool classification, hasValidation;
    private readonly Table table = new();
    private long lastRefresh;
    private LiveDisplayContext? context;
    private int epochs = 1;
    private TimeSpan elapsed;
    private string status = "[grey]starting[/]"; // markup, parsed only when drawn

    /// <param name="time">The clock that paces the drawing (the system's unless a test gives its own).</param>
    public LiveProgress(TextWriter output, bool classification, bool hasValidation, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;
        lastRefresh = this.time.GetTimestamp();
        console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        this.classification = classification;
        this.hasValidation = hasValidation;
        table.Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("epoch").RightAligned());
        table.AddColumn(new TableColumn("loss").RightAligned());
        if (hasValidation) table.AddColumn(new TableColumn("val loss").RightAligned());
        if (classification) table.AddColumn(new TableColumn("acc").RightAligned());
        if (hasValidation) table.AddColumn(new TableColumn(classification ? "val acc" : "val R²").RightAligned());
        table.AddColumn(new TableColumn("samples/s").RightAligned());
        table.AddColumn(new TableColumn("ETA").RightAligned());
    }

    public override void Header(string text) => console.MarkupLine($"[bold]{Markup.Escape(Inert.Text(text))}[/]");

    public override void Run(Action body) =>
        console.Live(Layout()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Cropping(VerticalOverflowCropping.Top)
            .Start(ctx => { context = ctx; body(); ctx.UpdateTarget(Layout()); ctx.Refresh(); context = null; });

    public override void Epoch(EpochReport r, bool stopping)
    {
        var c = CultureInfo.InvariantCulture;
        (epochs, elapsed) = (r.Epochs, r.Elapsed);
        var cells = new List<string> { $"{r.Epoch}/{r.Epochs}", r.Loss.ToString("F4", c) };
        if (hasValidation) cells.Add(r.Validation!.Loss.ToString("F4", c));
        if (classification) cells.Add((r.Accuracy ?? double.NaN).ToString("F4", c));
        if (hasValidation) cells.Add(classification ? (r.Validation!.Accuracy ?? double.NaN).ToString("F4", c) : Common.Numbers.R2Cell(r.Validation!.R2));
        cells.Add(r.SamplesPerSecond.ToString("F0", c));
        var eta = stopping || r.Epoch == r.Epochs ? TimeSpan.Zero : r.Elapsed / r.Epoch * (r.Epochs - r.Epoch);
        cells.Add(Format(eta));
        table.AddRow(cells.ToArray());
        if (table.Rows.Count > Math.Max(console.Profile.Height, 1)) table.Rows.RemoveAt(0); // above the screen: cropped anyway
        bool last = stopping || r.Epoch == r.Epochs;
        status = stopping ? $"[yellow]stopped early at epoch {r.Epoch}[/]" : $"epoch {r.Epoch}/{r.Epochs} done";
        Refresh(force: last);
    }

    public override void Step(StepReport s)
    {
        if (time.GetElapsedTime(lastRefresh) < RefreshInterval) return;
        int filled = (int)Math.Round((double)BarWidth * s.Step / s.Steps);
        status = $"epoch {s.Epoch}/{epochs} [green]{new string('━', filled)}[/][grey]{new string('━', BarWidth - filled)}[/] step {s.Step}/{s.Steps}  elapsed {Format(elapsed)}";
        Refresh(force: false);
    }

    public override void Line(string text) => console.WriteLine(Inert.Text(text));

    private IRenderable Layout() => new Rows(table, new Markup(status));

    private void Refresh(bool force)
    {
        if (context is null || (!force && time.GetElapsedTime(lastRefresh) < RefreshInterval)) return;
        context.UpdateTarget(Layout());
        context.Refresh();
        lastRefresh = time.GetTimestamp();
    }

    private static string Format(TimeSpan t) => t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
