using System.Numerics;
using System.Runtime.CompilerServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>
/// Whether every value of a large span is finite, split by index range over the caller and the workers (<see cref="RangeJob"/>).
/// Each range is decided exactly — a sum at memory speed, and a search only when that sum is not finite — so the answer does not
/// depend on the split (the partial sums do, but only their finiteness is read, and a non-finite one is confirmed by the search).
/// </summary>
internal sealed unsafe class AllFiniteJob<T> : RangeJob where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic] private static AllFiniteJob<T>? t_mine;

    private T* _values;
    private int _allFinite;

    /// <summary>True when no value is NaN or infinite; on options.Threads threads when the span is large enough (<see cref="RangeJob.Splits"/>).</summary>
    public static bool Run(ReadOnlySpan<T> values, ComputeOptions options)
    {
        if (!Splits((long)values.Length * Unsafe.SizeOf<T>() / sizeof(float), options)) return Finite(values);
        var job = t_mine ??= new AllFiniteJob<T>();
        fixed (T* p = values)
        {
            job._values = p;
            job._allFinite = 1;
            job.RunSplit(values.Length, options);
            job._values = null;
        }
        return job._allFinite == 1;
    }

    protected override void RunRange(int start, int end)
    {
        if (!Finite(new ReadOnlySpan<T>(_values + start, end - start))) Volatile.Write(ref _allFinite, 0);
    }

    // A finite sum means every value is finite; a NaN or infinity makes the sum non-finite, and so can finite values whose sum
    // overflows: then the value of largest magnitude (the first NaN if any) decides.
    private static bool Finite(ReadOnlySpan<T> values) =>
        T.IsFinite(TensorPrimitives.Sum(values)) || values.IsEmpty || T.IsFinite(values[TensorPrimitives.IndexOfMaxMagnitude(values)]);
}
