using System.Numerics;

namespace Backprop.Data;

/// <summary>
/// Where <see cref="Training.Trainer.Fit{T}"/>
/// reads its mini-batches from: <see cref="Count"/> rows per epoch of <see cref="Features"/> features and <see cref="TargetWidth"/> targets.
/// An indexed source (an in-memory <see cref="Dataset{T}"/>) gives the rows the trainer asks for by index, so the trainer shuffles
/// (seeded, and saved in checkpoints); a streaming source (an ML.NET cursor) hands out each epoch's rows in its own order, one batch after
/// the other, and ignores the indices but for their number.
/// </summary>
public interface IBatchSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Rows one epoch reads.</summary>
    int Count { get; }

    /// <summary>Features per row.</summary>
    int Features { get; }

    /// <summary>Target values per row (1 for a class index).</summary>
    int TargetWidth { get; }

    /// <summary>Classes of the targets, or 0 for regression.</summary>
    int Classes { get; }

    /// <summary>True when <see cref="ReadRows"/> reads the rows at the indices given; false when it streams the epoch's next rows.</summary>
    bool IsIndexed { get; }

    /// <summary>
    /// Fills the front of <paramref name="x"/> (row-major [n, <see cref="Features"/>]) and <paramref name="y"/> ([n, <see cref="TargetWidth"/>])
    /// with n = <paramref name="indices"/>.Length rows of epoch <paramref name="epoch"/> (1-based): those rows, for an indexed source; the epoch's
    /// next n rows, for a streaming one (a new epoch number starts a new pass). Allocates nothing per call.
    /// </summary>
    void ReadRows(int epoch, ReadOnlySpan<int> indices, Span<T> x, Span<T> y);
}
