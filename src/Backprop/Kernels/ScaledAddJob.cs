using System.Numerics;
using System.Runtime.CompilerServices;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Backprop.Kernels;

/// <summary>
/// y ← y + s·x (one fused multiply-add per value, plain SGD's θ ← θ + (−γ)·g) over a large span, split by index range over the
/// caller and the workers (<see cref="RangeJob"/>); the same fused operation per value, so the bits do not depend on the split.
/// </summary>
internal sealed unsafe class ScaledAddJob<T> : RangeJob where T : unmanaged, IFloatingPointIeee754<T>
{
    [ThreadStatic] private static ScaledAddJob<T>? t_mine;

    private T* _y, _x;
    private T _s;

    /// <summary>y += s·x, on options.Threads threads when the span is large enough (<see cref="RangeJob.Splits"/>).</summary>
    public static void Run(Span<T> y, ReadOnlySpan<T> x, T s, ComputeOptions options)
    {
        if (x.Length != y.Length) throw new ArgumentException($"y += s·x: y has {y.Length} values, x {x.Length}.");
        if (!Splits((long)y.Length * Unsafe.SizeOf<T>() / sizeof(float), options))
        {
            Elementwise.AddScaledInPlace(y, x, s);
            return;
        }
        var job = t_mine ??= new ScaledAddJob<T>();
        fixed (T* py = y, px = x)
        {
            job._y = py; job._x = px; job._s = s;
            job.RunSplit(y.Length, options);
            job._y = job._x = null;
        }
    }

    protected override void RunRange(int start, int end)
    {
        var y = new Span<T>(_y + start, end - start);
        Elementwise.AddScaledInPlace(y, new ReadOnlySpan<T>(_x + start, end - start), _s);
    }
}
