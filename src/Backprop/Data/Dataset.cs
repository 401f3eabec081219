using System.Numerics;
using System.Runtime.CompilerServices;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>
/// Examples for supervised learning: features X [N, F] and targets Y — class indices [N] for classification
/// (<see cref="Classes"/> &gt; 0), or values [N] / [N, K] for regression. It is the indexed <see cref="IBatchSource{T}"/> training reads by default.
/// </summary>
public sealed class Dataset<T> : IBatchSource<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>A dataset over the given tensors (not copied). <paramref name="classes"/> is 0 for regression.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Dataset(Tensor<T> x, Tensor<T> y, int classes = 0)
    {
        if (x.Rank != 2) throw new ArgumentException($"Dataset: features must be [N, F]; got {x.Shape}.");
        if (y.Rank is < 1 or > 2 || y.Shape[0] != x.Shape[0])
            throw new ArgumentException($"Dataset: targets {y.Shape} do not match {x.Shape[0]} examples (want [N] or [N, K]).");
        if (classes < 0) throw new ArgumentOutOfRangeException(nameof(classes), $"Dataset: class count {classes} is negative.");
        if (classes > 0)
        {
            if (y.Rank != 1) throw new ArgumentException($"Dataset: class targets must be indices [N]; got {y.Shape}.");
            for (int i = 0; i < y.Length; i++)
            {
                T v = y.Span[i];
                if (!T.IsInteger(v) || v < T.Zero || v >= T.CreateTruncating(classes))
                    throw new ArgumentException($"Dataset: label {double.CreateTruncating(v)} at row {i} is not a class index in 0..{classes - 1}.");
            }
        }
        X = x; Y = y; Classes = classes;
    }

    /// <summary>Features [N, F].</summary>
    public Tensor<T> X { get; }

    /// <summary>Targets: class indices [N], or values [N] or [N, K].</summary>
    public Tensor<T> Y { get; }

    /// <summary>
    /// Each row's weight in the training loss (<c>--sample-weight</c>), [N] of finite numbers ≥ 0, or null when every row weighs the same. Training
    /// minimises the weighted mean Σ wᵢ·lᵢ / Σ wᵢ over each batch (<see cref="Nn.Loss.WeightedValueAndGradient{T}"/>); evaluation ignores it.
    /// </summary>
    public Tensor<T>? Weights { get; private init; }

    /// <summary>The same rows with <paramref name="weights"/> [N] as their <see cref="Weights"/> (not copied; null removes them).</summary>
    /// <exception cref="ArgumentException">The weights are not [N], or one is negative, NaN or infinite (the message names its row).</exception>
    public Dataset<T> WithWeights(Tensor<T>? weights)
    {
        if (weights is not null) Nn.RowWeights.Check(weights, Count, "Dataset");
        return new Dataset<T>(X, Y, Classes, trusted: true) { Weights = weights };
    }

    // A dataset over tensors already checked.
    private Dataset(Tensor<T> x, Tensor<T> y, int classes, bool trusted)
    {
        _ = trusted;
        X = x; Y = y; Classes = classes;
    }

    /// <summary>Number of classes, or 0 for regression.</summary>
    public int Classes { get; }

    /// <summary>Number of examples.</summary>
    public int Count => X.Shape[0];

    /// <summary>Number of features.</summary>
    public int Features => X.Shape[1];

    /// <summary>Number of network outputs this data needs: the class count (1 for two classes with a sigmoid output is the caller's choice), or the target width.</summary>
    public int Outputs => Classes > 0 ? Classes : Y.Rank == 1 ? 1 : Y.Shape[1];

    /// <summary>Width of one target row: 1 for [N] targets, K for [N, K].</summary>
    public int TargetWidth => Y.Rank == 1 ? 1 : Y.Shape[1];

    /// <summary>
    /// Copies the features and targets of the rows at <paramref name="indices"/>, in that order, into the front of the two buffers
    /// (<paramref name="x"/> row-major [indices, <see cref="Features"/>], <paramref name="y"/> [indices, <see cref="TargetWidth"/>]): a batch
    /// drawn without allocating.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyRows(ReadOnlySpan<int> indices, Span<T> x, Span<T> y)
    {
        int f = Features, w = TargetWidth;
        for (int r = 0; r < indices.Length; r++)
        {
            X.Span.Slice(indices[r] * f, f).CopyTo(x.Slice(r * f, f));
            Y.Span.Slice(indices[r] * w, w).CopyTo(y.Slice(r * w, w));
        }
    }

    /// <summary>True: the rows are read by index (the trainer shuffles them).</summary>
    public bool IsIndexed => true;

    /// <summary>The rows at <paramref name="indices"/>, whatever the epoch (see <see cref="CopyRows"/>).</summary>
    public void ReadRows(int epoch, ReadOnlySpan<int> indices, Span<T> x, Span<T> y) => CopyRows(indices, x, y);

    /// <summary>The examples at the given indices, in that order (copies, outside any graph).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Dataset<T> Subset(ReadOnlySpan<int> indices)
    {
        foreach (int i in indices)
            if ((uint)i >= (uint)Count) throw new IndexOutOfRangeException($"Subset: index {i} is out of range for {Count} examples.");
        var x = new Tensor<T>(new Shape(indices.Length, Features));
        var y = new Tensor<T>(Y.Rank == 1 ? new Shape(indices.Length) : new Shape(indices.Length, TargetWidth));
        CopyRows(indices, x.Span, y.Span);
        Tensor<T>? weights = null;
        if (Weights is { } all)
        {
            weights = new Tensor<T>(new Shape(indices.Length));
            for (int r = 0; r < indices.Length; r++) weights.Span[r] = all.Span[indices[r]];
        }
        return new Dataset<T>(x, y, Classes, trusted: true) { Weights = weights };
    }

    /// <summary>The rows from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive), in order.</summary>
    public Dataset<T> Slice(int start, int end)
    {
        if (start < 0 || end > Count || start > end)
            throw new ArgumentOutOfRangeException(nameof(start), $"Slice({start}, {end}) is out of range for {Count} examples.");
        return Subset([.. Enumerable.Range(start, end - start)]);
    }

    /// <summary>
    /// A seeded split into train and test parts; classification data is stratified so that each class
    /// keeps its share in both parts. The same rows as <see cref="Split3"/> with no validation part (one split function for every caller).
    /// </summary>
    public (Dataset<T> Train, Dataset<T> Test) Split(double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), $"Split: test fraction must be in (0, 1); got {testFraction}.");
        var (train, _, test) = Splits.Three(this, 0, testFraction, seed);
        return (Subset(train.Span), Subset(test));
    }

    /// <summary>
    /// A seeded split into train, validation and test parts (a fraction may be 0 for an empty part); classification data is
    /// stratified so that each class keeps its share in every part. The same seed gives the same split.
    /// </summary>
    public (Dataset<T> Train, Dataset<T> Validation, Dataset<T> Test) Split3(double validationFraction, double testFraction, ulong seed)
    {
        var (train, validation, test) = Splits.Three(this, validationFraction, testFraction, seed);
        return (Subset(train.Span), Subset(validation), Subset(test));
    }
}
