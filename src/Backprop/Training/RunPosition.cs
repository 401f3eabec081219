using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Where a run of <see cref="Trainer.Fit{T}"/> is: the epoch in progress, the steps done in it (0 = not yet shuffled), the
/// shuffling generator and the epoch's order, and the sums the epoch's report is made of.</summary>
internal sealed class RunPosition(int epoch, int step, Rng shuffle, int[] order)
{
    public int Epoch { get; set; } = epoch;
    public int Step { get; set; } = step;
    public Rng Shuffle { get; } = shuffle;
    public int[] Order { get; } = order;
    public double LossSum { get; set; }
    public long Correct { get; set; }
    public int Seen { get; set; }
    public int Skipped { get; set; }

    /// <summary>The run's shape, which a resumed run must share: rows a step takes and steps an epoch.</summary>
    public (int Rows, int Steps) Batching { get; init; }

    /// <summary>The id of the run, written in each checkpoint: a fresh one for a new run, the checkpoint's for a resumed one.</summary>
    public string RunId { get; init; } = NewRunId();

    /// <summary>A new random run id (32 hex digits).</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N");

    /// <summary>Starts epoch <paramref name="next"/>: no steps done, the sums cleared.</summary>
    public void BeginEpoch(int next) => (Epoch, Step, LossSum, Correct, Seen, Skipped) = (next, 0, 0, 0, 0, 0);
}
