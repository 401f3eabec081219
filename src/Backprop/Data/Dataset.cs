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
        _x = x; Y = y; Classes = classes; Features = x.Shape[1];
    }

    private Tensor<T>? _x;                // the features; null in a view until they are asked for
    private readonly Tensor<T>? _source;  // a view's parent features [M, F]
    private readonly ReadOnlyMemory<int> _rows; // a view's rows of _source, one per row

    /// <summary>Features [N, F]. A part of <see cref="Split"/> or <see cref="Split3"/> gathers its rows from the parent's on first use.</summary>
    public Tensor<T> X => _x ?? Gather();

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
        return new Dataset<T>(_x, _source, _rows, Y, Classes, Features) { Weights = weights };
    }

    // A dataset over tensors already checked: its own features x, or (a view) the rows of source.
    private Dataset(Tensor<T>? x, Tensor<T>? source, ReadOnlyMemory<int> rows, Tensor<T> y, int classes, int features)
    {
        _x = x; _source = source; _rows = rows; Y = y; Classes = classes; Features = features;
    }

    // A view's features, gathered once (threads racing here keep the first copy).
    private Tensor<T> Gather()
    {
        var x = new Tensor<T>(new Shape(Count, Features));
        var rows = FeatureRows;
        for (int r = 0; r < Count; r++) rows[r].CopyTo(x.Span.Slice(r * Features, Features));
        return Interlocked.CompareExchange(ref _x, x, null) ?? x;
    }

    /// <summary>The feature rows where they are stored: this set's own features, or a view's rows of its parent's (nothing gathered).</summary>
    internal FeatureRows<T> FeatureRows => _x is { } x ? new(x.Data, Features, Count) : new(_source!.Data, Features, Count, _rows);

    /// <summary>Number of classes, or 0 for regression.</summary>
    public int Classes { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Y.Shape[0];

    /// <summary>Number of features.</summary>
    public int Features { get; }

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
        var rows = FeatureRows;
        for (int r = 0; r < indices.Length; r++)
        {
            rows[indices[r]].CopyTo(x.Slice(r * f, f));
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
        return new Dataset<T>(x, null, default, y, Classes, Features) { Weights = WeightsAt(indices) };
    }

    // The sample weights of the rows at indices, or null without weights.
    private Tensor<T>? WeightsAt(ReadOnlySpan<int> indices)
    {
        if (Weights is not { } all) return null;
        var weights = new Tensor<T>(new Shape(indices.Length));
        for (int r = 0; r < indices.Length; r++) weights.Span[r] = all.Span[indices[r]];
        return weights;
    }

    // The rows at indices as a view: their targets and weights copied (a few bytes a row), their features read from this set's storage.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Dataset<T> View(ReadOnlyMemory<int> indices)
    {
        var at = indices.Span;
        int w = TargetWidth;
        var y = new Tensor<T>(Y.Rank == 1 ? new Shape(at.Length) : new Shape(at.Length, w));
        for (int r = 0; r < at.Length; r++)
        {
            if ((uint)at[r] >= (uint)Count) throw new IndexOutOfRangeException($"Split: index {at[r]} is out of range for {Count} examples.");
            Y.Span.Slice(at[r] * w, w).CopyTo(y.Span.Slice(r * w, w));
        }
        var weights = WeightsAt(at);
        if (_x is not null) return new Dataset<T>(null, _x, indices, y, Classes, Features) { Weights = weights };
        var parent = _rows.Span; // a view of a view reads the first parent's rows
        var map = new int[at.Length];
        for (int r = 0; r < at.Length; r++) map[r] = parent[at[r]];
        return new Dataset<T>(null, _source, map, y, Classes, Features) { Weights = weights };
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
    /// The parts are views (see <see cref="Split3"/>).
    /// </summary>
    public (Dataset<T> Train, Dataset<T> Test) Split(double testFraction, ulong seed)
    {
        if (!(testFraction > 0 && testFraction < 1)) throw new ArgumentOutOfRangeException(nameof(testFraction), $"Split: test fraction must be in (0, 1); got {testFraction}.");
        var (train, _, test) = Splits.Three(this, 0, testFraction, seed);
        return (View(train), View(test));
    }

    /// <summary>
    /// A seeded split into train, validation and test parts (a fraction may be 0 for an empty part); classification data is
    /// stratified so that each class keeps its share in every part. The same seed gives the same split. The parts are views: their
    /// targets and weights are copied, their features are read from this set's rows (training and evaluation gather them as they go;
    /// <see cref="X"/> gathers a copy on first use), so change this set's features only before splitting.
    /// </summary>
    public (Dataset<T> Train, Dataset<T> Validation, Dataset<T> Test) Split3(double validationFraction, double testFraction, ulong seed)
    {
        var (train, validation, test) = Splits.Three(this, validationFraction, testFraction, seed);
        return (View(train), View(validation), View(test));
    }
}
