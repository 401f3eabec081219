using System.Runtime.InteropServices;
using Backprop.Training;

namespace Backprop.Cli.Common;

/// <summary>
/// Ctrl+C (SIGINT), SIGTERM and SIGHUP (the terminal closed) for the whole command line: while a training run watches (<see cref="Watch"/>),
/// the first signal lets the current step finish and the run end with a checkpoint (or its model saved); a second one, or one when nothing
/// watches, exits at once with 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP), 128 plus the signal's number as a shell reports it. Files are only ever renamed into place whole, so exiting never leaves a half-written one.
/// </summary>
internal static class Signals
{
    private static int _exitCode; // 0 until a signal arrives
    private static int _watching;

    /// <summary>The exit code the first signal asks for (130, 143 or 129), or 0 when none came.</summary>
    public static int ExitCode => Volatile.Read(ref _exitCode);

    /// <summary>The signal's name for messages.</summary>
    public static string Name => ExitCode switch { 143 => "SIGTERM", 129 => "SIGHUP", _ => "Ctrl+C" };

    /// <summary>Handles SIGINT, SIGTERM and SIGHUP until disposed (the real process only; in-process runs in tests do not listen).</summary>
    public static IDisposable Listen() => new Registrations(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle), PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle));

    /// <summary>A callback that interrupts training after the step in which a signal arrived, while it is registered with <see cref="Watch"/>.</summary>
    public static ITrainingCallback Watch() => new InterruptOnSignal();

    private static void Handle(PosixSignalContext context)
    {
        int code = context.Signal == PosixSignal.SIGTERM ? 143 : context.Signal == PosixSignal.SIGHUP ? 129 : 130;
        context.Cancel = true;
        if (Volatile.Read(ref _watching) > 0 && Interlocked.CompareExchange(ref _exitCode, code, 0) == 0) return;
        Backprop.IO.AtomicFile.RemovePendingTemporaries(); // a file being written when the second signal came is left as it was
        Environment.Exit(ExitCode is > 0 and var first ? first : code);
    }

    private sealed class InterruptOnSignal : ITrainingCallback
    {
        void ITrainingCallback.OnTrainBegin(TrainingContext context) => Interlocked.Increment(ref _watching);

        void ITrainingCallback.OnStepEnd(StepReport step, TrainingContext context)
        {
            if (ExitCode != 0) context.Interrupt();
        }

        void ITrainingCallback.OnTrainEnd(TrainingContext context) => Interlocked.Decrement(ref _watching);
    }

    private sealed class Registrations(params IDisposable[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var r in registrations) r.Dispose();
        }
    }
}
