using System.Numerics;
using System.Runtime.CompilerServices;

namespace Backprop.Kernels;

/// <summary>
/// One optimizer update θ ← rule(θ, g, state) over a large parameter, split by index range over the caller and the workers
/// (<see cref="RangeJob"/>): every value is updated by the same lanes' arithmetic whatever range holds it, so the bits do not
/// depend on the thread count.
/// </summary>
internal sealed unsafe class UpdateJob<T, TRule> : RangeJob where T : unmanaged, IFloatingPointIeee754<T> where TRule : IUpdateRule<T>
{
    [ThreadStatic] private static UpdateJob<T, TRule>? t_mine;

    private TRule _rule = default!;
    private T* _w, _g, _a, _b, _c;
    private int _bits;

    /// <summary>Applies <paramref name="rule"/> over the whole parameter on options.Threads threads (spans of equal length, state buffers possibly empty).</summary>
    public static void Run(TRule rule, Span<T> w, ReadOnlySpan<T> g, Span<T> a, Span<T> b, Span<T> c, ComputeOptions options)
    {
        var job = t_mine ??= new UpdateJob<T, TRule>();
        fixed (T* pw = w, pg = g, pa = a, pb = b, pc = c)
        {
            (job._rule, job._bits) = (rule, options.MaxVectorBits);
            job._w = pw; job._g = pg; job._a = pa; job._b = pb; job._c = pc;
            job.RunSplit(w.Length, options);
            job._w = job._g = job._a = job._b = job._c = null;
        }
    }

    protected override void RunRange(int start, int end)
    {
        var s = new UpdateRefs<T>(ref Unsafe.AsRef<T>(_w), ref Unsafe.AsRef<T>(_g), ref Unsafe.AsRef<T>(_a), ref Unsafe.AsRef<T>(_b), ref Unsafe.AsRef<T>(_c));
        UpdateLoop.RunRange(_rule, s, (nuint)start, (nuint)end, _bits);
    }
}
