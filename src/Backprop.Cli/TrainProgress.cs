using Backprop.Training;

namespace Backprop.Cli;

/// <summary>
/// Shows a training run as it goes: a live table and progress bar when the output is a terminal (<see cref="LiveProgress"/>),
/// plain lines otherwise (<see cref="PlainProgress"/>), e.g. when redirected to a file, in tests and in CI.
/// </summary>
internal abstract class TrainProgress
{
    /// <summary>The live view when <paramref name="output"/> is the console's own output and that is a terminal; plain lines otherwise.</summary>
    public static TrainProgress For(TextWriter output, bool classification, bool hasValidation) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            ? new LiveProgress(output, classification, hasValidation)
            : new PlainProgress(output, classification);

    /// <summary>Shows the line that describes the run.</summary>
    public abstract void Header(string text);

    /// <summary>Runs the training in <paramref name="body"/>, which reports through <see cref="Epoch"/> and <see cref="Step"/>.</summary>
    public virtual void Run(Action body) => body();

    public abstract void Epoch(EpochReport report);

    public virtual void Step(StepReport report) { }

    /// <summary>Whether <see cref="Step"/> shows anything (so that plain runs pass no step callback at all).</summary>
    public virtual bool WantsSteps => false;

    /// <summary>A line of the summary after training.</summary>
    public abstract void Line(string text);
}
