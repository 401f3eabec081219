using Backprop.Diagnostics;
using Backprop.Training;

namespace Backprop.Cli.Train;

/// <summary>
/// Shows a training run as it goes: a live table and progress bar when the output is a terminal (<see cref="LiveProgress"/>),
/// plain lines otherwise (<see cref="PlainProgress"/>), e.g. when redirected to a file, in tests and in CI. It is a training
/// callback; with a <see cref="GradientFlow{T}"/> (placed before it) it adds the --grad-report line under each epoch.
/// </summary>
internal abstract class TrainProgress : ITrainingCallback
{
    /// <summary>The live view when <paramref name="output"/> is the console's own output and that is a terminal; plain lines otherwise.</summary>
    public static TrainProgress For(TextWriter output, bool classification, bool hasValidation, GradientFlow<float>? gradients = null)
    {
        TrainProgress progress = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            ? new LiveProgress(output, classification, hasValidation)
            : new PlainProgress(output, classification);
        progress.gradients = gradients;
        return progress;
    }

    private GradientFlow<float>? gradients;

    /// <summary>Shows the line that describes the run.</summary>
    public abstract void Header(string text);

    /// <summary>Runs the training in <paramref name="body"/>, which reports through this callback.</summary>
    public virtual void Run(Action body) => body();

    /// <summary>Shows an epoch; <paramref name="stopping"/> when early stopping ends training after it.</summary>
    public abstract void Epoch(EpochReport report, bool stopping);

    public virtual void Step(StepReport report) { }

    void ITrainingCallback.OnStepEnd(StepReport step, TrainingContext context) => Step(step);

    void ITrainingCallback.OnEpochEnd(EpochReport epoch, TrainingContext context)
    {
        Epoch(epoch, context.StopRequested);
        if (gradients is not null) Line(GradientLine(gradients.LastEpoch));
    }

    /// <summary>The text of a --grad-report line: each layer's mean ‖dL/dW‖ over the epoch's steps, first layer first.</summary>
    public static string GradientLine(IReadOnlyList<LayerGradient> layers) =>
        "  grad norm  " + string.Join("  ", layers.Select(l => $"{l.Layer} {Numbers.Scientific(l.Norm)}"));

    /// <summary>A line of the summary after training.</summary>
    public abstract void Line(string text);
}
